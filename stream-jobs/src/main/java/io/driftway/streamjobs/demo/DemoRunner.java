package io.driftway.streamjobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.platform.config.Configuration;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.graph.PrometheusReporting;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Runs the demo: a Kafka broker on loopback, the pipeline from {@code demo/pipeline.yaml} on an
 * embedded Flink MiniCluster into Iceberg tables in a local folder, drifting events phase by phase,
 * then a report of tables, schema history, row counts and alerts.
 *
 * <pre>{@code
 * new DemoRunner(Path.of("/tmp/demo"), 200, out).run();
 * }</pre>
 */
public final class DemoRunner {

  private static final Duration PHASE_LIMIT = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final int eventsPerPhase;
  private final PrintWriter out;
  private PrometheusReporting.Port metrics = new PrometheusReporting.Port(0);
  private boolean keep;

  public DemoRunner(Path dir, int eventsPerPhase, PrintWriter out) {
    this.dir = dir;
    this.eventsPerPhase = eventsPerPhase;
    this.out = out;
  }

  /** Serves the pipeline's metrics for Prometheus on {@code port} while the demo runs. */
  public DemoRunner metricsPort(PrometheusReporting.Port port) {
    this.metrics = port;
    return this;
  }

  /**
   * Keeps the broker, the catalog bridge and its console up after the report until the JVM is asked
   * to stop (Ctrl-C), so a user can look around.
   */
  public DemoRunner keep(boolean keep) {
    this.keep = keep;
    return this;
  }

  /** Runs the demo to its end; returns the report's figures for callers that check them. */
  public DemoResult run() throws Exception {
    Files.createDirectories(dir);
    say("Driftway demo, working in %s", dir);
    try (KafkaBroker kafka = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")));
        CatalogBridge bridge = startBridge()) {
      say("Kafka broker (KRaft, one node) listening on %s", kafka.bootstrapServers());
      say("Catalog bridge (AWS Glue API) listening on %s", bridge.endpoint());
      String topic = kafka.createTopic("demo-events", 2);
      PipelineSpec spec = writeSpec(kafka, topic, bridge);
      say(
          "Pipeline: %s (Kafka topic %s -> Iceberg table demo.events, JSON, parallelism %d)",
          dir.resolve("pipeline.yaml"), topic, spec.parallelism());

      org.apache.flink.configuration.Configuration config = PipelineJob.configuration(spec);
      config.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
      config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
      config.set(RestOptions.ADDRESS, "127.0.0.1");
      config.set(RestOptions.BIND_PORT, "0");
      metrics.applyTo(config);
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
      PipelineJob.build(env, spec);
      JobClient job = env.executeAsync("driftway demo");
      say("Flink MiniCluster started; job %s running", job.getJobID());
      if (metrics.enabled()) {
        say("Metrics for Prometheus at %s (bridge: %s/metrics)", metrics.url(), bridge.endpoint());
      }

      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      TableIdentifier events = TableIdentifier.of("demo", "events");
      TableIdentifier quarantine = QuarantineTable.idFor(events);
      long expectedRows = 0;
      long expectedQuarantined = 0;
      try {
        int number = 1;
        for (DemoEvents.Phase phase : DemoEvents.phases(eventsPerPhase, 42L)) {
          say("Phase %d: %s (%d records)", number++, phase.description(), phase.records().size());
          produce(kafka, topic, phase.records());
          expectedRows += phase.records().size() - phase.malformed();
          expectedQuarantined += phase.malformed();
          awaitCommitted(catalog, events, expectedRows);
          if (phase.malformed() > 0) {
            awaitCommitted(catalog, quarantine, expectedQuarantined);
          }
        }
      } finally {
        job.cancel().get(1, TimeUnit.MINUTES);
      }
      say(
          "Glue GetTables on %s, database demo (what the AWS CLI and boto3 see): %s",
          bridge.endpoint(), catalog.listTables(Namespace.of("demo")));
      DemoResult result =
          DemoResult.of(
              catalog.loadTable(events),
              catalog.loadTable(quarantine),
              rescuedRows(catalog.loadTable(events)),
              alerts(kafka, spec.alerts().kafkaTopic()));
      result.print(out);
      say(
          "%nConsole: %s/console (tables, %d alerts from this pipeline, job runs; no sign-in: this"
              + " bridge runs without auth on loopback)",
          bridge.endpoint(), bridgeAlerts(bridge, result.alerts().size()));
      if (keep) {
        say("Keeping the Kafka broker, catalog bridge and console up; Ctrl-C to stop.");
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      bridge.close();
                      kafka.close();
                    },
                    "driftway-demo-shutdown"));
        bridge.awaitClose();
      }
      return result;
    }
  }

  /**
   * How many alerts the pipeline sent to the bridge ({@code alerts.bridge}), waiting up to 30 s for
   * {@code expected} (they are delivered in the background).
   */
  private static int bridgeAlerts(CatalogBridge bridge, int expected) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      // The demo bridge runs with auth.mode none, so this needs no signature.
      java.net.http.HttpRequest request =
          java.net.http.HttpRequest.newBuilder(bridge.endpoint().resolve("/"))
              .header("X-Amz-Target", "Driftway.ListAlerts")
              .POST(
                  java.net.http.HttpRequest.BodyPublishers.ofString(
                      "{\"DatabaseName\":\"demo\",\"MaxResults\":100}"))
              .build();
      int count =
          JSON.readTree(
                  http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body())
              .path("Alerts")
              .size();
      if (count >= expected || System.nanoTime() > deadline) {
        return count;
      }
      Thread.sleep(200);
    }
  }

  private CatalogBridge startBridge() {
    return CatalogBridge.builder(
            Configuration.builder(BridgeOptions.all())
                .set(BridgeOptions.SERVER_HOST, "127.0.0.1")
                .set(BridgeOptions.SERVER_PORT, 0)
                .set(BridgeOptions.AUTH_MODE, AuthMode.NONE)
                .set(
                    BridgeOptions.STORE_URL,
                    "jdbc:h2:file:" + dir.resolve("catalog").resolve("catalog"))
                .build())
        // The console reads, replays and approves demo.events' quarantine through the demo's
        // pipeline file (written once the bridge is up; read at each request).
        .jobLauncher(io.driftway.streamjobs.backfill.BackfillLauncher.embedded())
        .quarantine(
            io.driftway.streamjobs.cli.PipelineQuarantine.of(List.of(dir.resolve("pipeline.yaml"))))
        .start();
  }

  private PipelineSpec writeSpec(KafkaBroker kafka, String topic, CatalogBridge bridge)
      throws IOException {
    String template;
    try (InputStream in = DemoRunner.class.getResourceAsStream("/demo/pipeline.yaml")) {
      if (in == null) {
        throw new IllegalStateException("Cannot run demo: demo/pipeline.yaml missing from the jar");
      }
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> values =
        Map.of(
            "DEMO_BOOTSTRAP", kafka.bootstrapServers(),
            "DEMO_TOPIC", topic,
            "DEMO_WAREHOUSE", dir.resolve("warehouse").toString(),
            "DEMO_CHECKPOINTS", dir.resolve("checkpoints").toUri().toString(),
            "DEMO_ALERTS", "driftway-schema-changes",
            "DEMO_CATALOG", bridge.endpoint().toString());
    String resolved = template;
    for (Map.Entry<String, String> value : values.entrySet()) {
      resolved = resolved.replace("${" + value.getKey() + "}", value.getValue());
    }
    Path file = dir.resolve("pipeline.yaml");
    Files.writeString(file, resolved, StandardCharsets.UTF_8);
    return PipelineSpecLoader.load(file);
  }

  private static void produce(KafkaBroker kafka, String topic, List<byte[]> records)
      throws Exception {
    Properties props = kafka.clientProperties();
    props.put("acks", "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>(records.size());
      for (byte[] record : records) {
        sent.add(producer.send(new ProducerRecord<>(topic, record)));
      }
      for (java.util.concurrent.Future<?> ack : sent) {
        ack.get(1, TimeUnit.MINUTES);
      }
    }
  }

  private void awaitCommitted(Catalog catalog, TableIdentifier id, long rows)
      throws InterruptedException {
    long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
    long seen = -1;
    while (System.nanoTime() < deadline) {
      seen = committedRows(catalog, id);
      if (seen >= rows) {
        say("  %s: %d rows committed", id, seen);
        return;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new IllegalStateException(
        "Cannot finish demo: "
            + id
            + " has "
            + seen
            + " of "
            + rows
            + " rows after "
            + PHASE_LIMIT);
  }

  private static long committedRows(Catalog catalog, TableIdentifier id) {
    if (!catalog.tableExists(id)) {
      return 0;
    }
    Snapshot snapshot = catalog.loadTable(id).currentSnapshot();
    return snapshot == null
        ? 0
        : Long.parseLong(snapshot.summary().getOrDefault("total-records", "0"));
  }

  private static long rescuedRows(Table table) throws IOException {
    if (table.schema().findField("_rescued_data") == null) {
      return 0;
    }
    long count = 0;
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table).where(Expressions.notNull("_rescued_data")).build()) {
      for (Record row : rows) {
        if (row.getField("_rescued_data") != null) {
          count++;
        }
      }
    }
    return count;
  }

  private static List<JsonNode> alerts(KafkaBroker kafka, String topic) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "driftway-demo-report");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<JsonNode> alerts = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long quietSince = System.nanoTime();
      // Alerts are at-least-once and already delivered when the rows are committed: read until
      // the topic has been quiet for a moment.
      while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          alerts.add(parse(record.value()));
          quietSince = System.nanoTime();
        }
      }
    }
    alerts.sort((a, b) -> a.get("detected_at").asText().compareTo(b.get("detected_at").asText()));
    return alerts;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read alert: not JSON: " + json, e);
    }
  }

  @com.google.errorprone.annotations.FormatMethod
  private void say(String format, Object... args) {
    out.println(String.format(java.util.Locale.ROOT, format, args));
    out.flush();
  }

  /** Column names and types of a table, for the report. */
  static String columns(Types.StructType struct) {
    StringBuilder text = new StringBuilder();
    for (Types.NestedField field : struct.fields()) {
      text.append(
          String.format(java.util.Locale.ROOT, "    %-16s %s%n", field.name(), field.type()));
    }
    return text.toString();
  }
}
