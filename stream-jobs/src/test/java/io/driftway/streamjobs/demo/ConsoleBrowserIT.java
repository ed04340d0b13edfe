package io.driftway.streamjobs.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.sync.GlueClients;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.platform.config.Configuration;
import io.driftway.streamjobs.backfill.BackfillLauncher;
import io.driftway.streamjobs.cli.PipelineQuarantine;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.browser.BrowserScript;
import io.driftway.testsupport.browser.BrowserScript.BrowserResult;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * The web console in a real browser (Debian's Chromium driven by playwright-core) on a bridge fed
 * by a real pipeline run: the demo's drifting events, then an XSS probe (markup as a field name, a
 * value and, through a broken record, a quarantine reason) and one record too large for the
 * pipeline's limit. One bridge and pipeline serve every scenario: an admin's tour (the timeline
 * shows the table's schema versions, the probe stays text and nothing runs), a read-only key (no
 * action buttons, actions refused), and a replay of the quarantine from the page after the limit is
 * raised (confirmation, summary, then the record is in the table). The pipeline sends its alerts to
 * the bridge, so the timeline's changes carry the policy and where each was first seen. A second
 * pipeline holds new fields of {@code demo.orders}: one is approved and one rejected from the page.
 * A backfill started as a Glue job run waits mid-run (its Kafka range ends inside a transaction
 * left open, which its {@code read_committed} consumer cannot pass): GetJobRun and the job runs
 * page show its progress, then the transaction commits and the run succeeds. Screenshots of each
 * page go to {@code target/console-screenshots/}.
 */
@ExtendWith({KafkaExtension.class, FlinkExtension.class})
class ConsoleBrowserIT {

  private static final Path SCRIPTS = Path.of("src/test/browser");
  private static final Path SHOTS = Path.of("target/console-screenshots").toAbsolutePath();
  private static final Duration SCRIPT_LIMIT = Duration.ofSeconds(90);

  private static final String ADMIN_KEY = "AKIACONSOLEADMIN";
  private static final String ADMIN_SECRET = "admin-secret-" + UUID.randomUUID();
  private static final String READER_KEY = "AKIACONSOLEREADER";
  private static final String READER_SECRET = "reader-secret-" + UUID.randomUUID();

  /** Markup that sets window.__xss (and opens a dialog) if a page ever parses it as markup. */
  private static final String FIELD_PROBE = "<img src=x onerror=window.__xss=1>";

  private static final String VALUE_PROBE = "<script>window.__xss=2;alert(2)</script>";
  private static final String BROKEN_PROBE =
      "<script>window.__xss=3;alert(3)</script><img src=x onerror=\"window.__xss=4\">";
  private static final long TOO_LARGE_ID = 424_242;

  private static final TableIdentifier EVENTS = TableIdentifier.of("demo", "events");
  private static final TableIdentifier ORDERS = TableIdentifier.of("demo", "orders");
  private static final TableIdentifier BACKFILLED = TableIdentifier.of("demo", "backfilled");

  @Test
  void theConsoleShowsTheTimelineKeepsTheProbeAsTextHidesActionsFromReadersAndReplays(
      KafkaBroker kafka, FlinkCluster flink, @TempDir Path dir) throws Exception {
    String topic = kafka.createTopic("console-" + UUID.randomUUID().toString().substring(0, 8), 1);
    String holdTopic = kafka.createTopic("hold-" + UUID.randomUUID().toString().substring(0, 8), 1);
    Path file = dir.resolve("pipeline.yaml");
    Path holdFile = dir.resolve("hold.yaml");
    try (CatalogBridge bridge =
        CatalogBridge.builder(bridgeConfig(dir))
            .jobLauncher(BackfillLauncher.remote(flink.restAddress(), List.of()))
            .quarantine(PipelineQuarantine.of(List.of(file, holdFile)))
            .start()) {
      Files.writeString(file, pipeline(kafka, topic, bridge, dir, 600));
      Files.writeString(holdFile, holdPipeline(kafka, holdTopic, bridge, dir));
      PipelineSpec spec = PipelineSpecLoader.load(file);
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      try {
        feed(kafka, flink, bridge, spec, topic, catalog);
        hold(kafka, flink, PipelineSpecLoader.load(holdFile), holdTopic, catalog);
        String base = bridge.endpoint().toString();

        BrowserResult tour =
            run(
                "console-pages.js",
                Map.of("accessKeyId", ADMIN_KEY, "secretAccessKey", ADMIN_SECRET),
                base,
                dir);
        JsonNode seen = tour.result();
        Set<Integer> schemaIds = new TreeSet<>(catalog.loadTable(EVENTS).schemas().keySet());
        assertThat(schemaIds).hasSizeGreaterThanOrEqualTo(4);
        assertThat(ints(seen.path("versions"))).containsExactlyInAnyOrderElementsOf(schemaIds);
        assertThat(seen.path("marks").asInt()).isEqualTo(schemaIds.size());
        assertThat(texts(seen.path("changes")))
            .contains(
                "ADD_COLUMN /campaign", "ADD_COLUMN /device/version", "ADD_COLUMN /" + FIELD_PROBE);
        // The pipeline's alerts reached the bridge: each added column names its policy and where
        // it was first seen.
        List<String> annotated = texts(seen.path("annotated"));
        assertThat(annotated)
            .filteredOn(a -> a.startsWith("ADD_COLUMN /campaign |"))
            .singleElement()
            .satisfies(
                a -> assertThat(a).matches("ADD_COLUMN /campaign \\| \\S.* \\| .*" + topic + ".*"));
        assertThat(annotated)
            .filteredOn(a -> a.startsWith("ADD_COLUMN /device/version |"))
            .singleElement()
            .satisfies(a -> assertThat(a).matches(".* \\| \\S.* \\| .*" + topic + ".*"));
        assertThat(texts(seen.path("tables"))).contains("events", "events_quarantine");
        assertThat(String.join("\n", texts(seen.path("diffRows")))).contains(FIELD_PROBE);
        assertThat(String.join("\n", texts(seen.path("raw"))))
            .contains(BROKEN_PROBE)
            .contains("\"event_id\": " + TOO_LARGE_ID);
        assertThat(String.join("\n", texts(seen.path("reasons")))).contains("max-record-bytes=600");
        assertThat(texts(seen.path("actions"))).contains("Replay pending rows");
        assertThat(seen.path("injected").asInt()).isZero();
        seen.path("xss")
            .forEach(flag -> assertThat(flag.isNull()).as(seen.path("xss").toString()).isTrue());
        assertNothingRan(tour);

        BrowserResult reader =
            run(
                "read-only.js",
                Map.of("accessKeyId", READER_KEY, "secretAccessKey", READER_SECRET),
                base,
                dir);
        assertThat(reader.result().path("who").asText()).contains("read-only");
        reader
            .result()
            .path("seen")
            .forEach(
                page -> {
                  assertThat(page.path("status").asInt()).as(page.toString()).isEqualTo(200);
                  assertThat(page.path("actions").asInt()).as(page.toString()).isZero();
                  assertThat(page.path("postForms").asInt()).as(page.toString()).isZero();
                });
        assertThat(reader.result().path("refused").asInt()).isEqualTo(403);
        // The refused post is the only resource that fails to load.
        assertNothingRan(reader, "403 (Forbidden)");

        // The operator raises the limit, then replays from the page.
        Files.writeString(file, pipeline(kafka, topic, bridge, dir, 4000));
        Map<String, Object> replayInput = new HashMap<>();
        replayInput.put("accessKeyId", ADMIN_KEY);
        replayInput.put("secretAccessKey", ADMIN_SECRET);
        replayInput.put("waitMs", 75_000);
        BrowserResult replay = run("replay.js", replayInput, base, dir);
        JsonNode replayed = replay.result();
        assertThat(replayed.path("confirm").asText())
            .contains("Send the 5 pending rows of demo.events_quarantine")
            .contains("--source quarantine://demo.events");
        assertThat(replayed.path("summary").asText()).contains(replayed.path("runId").asText());
        assertThat(replayed.path("state").asText())
            .as(replayed.path("error").asText())
            .isEqualTo("SUCCEEDED");
        assertThat(eventIds(catalog)).contains(TOO_LARGE_ID);
        assertThat(texts(replayed.path("states"))).contains("replayed", "failed-again");
        assertNothingRan(replay);

        decideHeldFieldsFromThePage(base, dir, catalog);
        backfillProgressShowsInGetJobRunAndOnThePage(kafka, bridge, base, dir, catalog);
      } finally {
        if (catalog instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
    }
  }

  /** Approve /coupon and reject /debug of demo.orders from the quarantine page. */
  private static void decideHeldFieldsFromThePage(String base, Path dir, Catalog catalog) {
    Map<String, Object> input = new HashMap<>();
    input.put("accessKeyId", ADMIN_KEY);
    input.put("secretAccessKey", ADMIN_SECRET);
    input.put("table", ORDERS.name());
    input.put("approve", "/coupon");
    input.put("reject", "/debug");
    input.put("waitMs", 90_000);
    BrowserResult decided = run("approve.js", input, base, dir);
    JsonNode seen = decided.result();
    assertThat(seen.path("approve").path("missing").isMissingNode()).as(seen.toString()).isTrue();
    assertThat(seen.path("reject").path("missing").isMissingNode()).as(seen.toString()).isTrue();

    assertThat(String.join("\n", texts(seen.path("approve").path("held"))))
        .contains("Held new field /coupon")
        .contains("Held new field /debug");
    assertThat(seen.path("approve").path("title").asText())
        .isEqualTo("Decide held field /coupon of demo.orders?");
    assertThat(seen.path("approve").path("confirm").asText())
        .contains("Approve: add the column and replay the held rows that wait for it.");
    assertThat(seen.path("approve").path("summary").asText())
        .contains("Approve demo.orders /coupon: 2 held rows wait for it")
        .contains("written to tables:          2 rows")
        .contains("column /coupon: in the table now, string");
    assertThat(seen.path("reject").path("title").asText())
        .isEqualTo("Decide held field /debug of demo.orders?");
    assertThat(seen.path("reject").path("confirm").asText())
        .contains("Reject: the held rows stay in the quarantine, marked rejected.");
    assertThat(seen.path("reject").path("summary").asText())
        .contains(
            "Rejected demo.orders /debug: 1 held rows stay in demo.orders_quarantine, marked"
                + " rejected; no replay sends them.");
    assertThat(texts(seen.path("states")))
        .containsExactlyInAnyOrder("replayed", "replayed", "rejected");
    assertThat(seen.path("heldAfter")).isEmpty();
    assertThat(catalog.loadTable(ORDERS).schema().findField("coupon")).isNotNull();
    assertThat(catalog.loadTable(ORDERS).schema().findField("debug")).isNull();
    assertThat(
            PipelineHarness.rows(catalog, ORDERS).stream()
                .filter(r -> r.getField("coupon") != null)
                .count())
        .isEqualTo(2);
    assertNothingRan(decided);
  }

  /**
   * A backfill run started through the Glue API waits mid-run on a deterministic gate: its Kafka
   * range is 20 committed records, then 20 in a transaction left open, which its read_committed
   * consumer cannot pass. GetJobRun (the AWS SDK) and the job runs page show 20 of 40; once the
   * transaction commits the run reads the rest and succeeds.
   */
  private static void backfillProgressShowsInGetJobRunAndOnThePage(
      KafkaBroker kafka, CatalogBridge bridge, String base, Path dir, Catalog catalog)
      throws Exception {
    String gated = kafka.createTopic("gated-" + UUID.randomUUID().toString().substring(0, 8), 1);
    List<byte[]> committed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      committed.add(utf8("{\"id\": " + i + ", \"note\": \"committed\"}"));
    }
    PipelineHarness.produce(kafka, gated, committed);
    Path fillFile = dir.resolve("backfill.yaml");
    Files.writeString(fillFile, backfillPipeline(kafka, gated, bridge, dir));
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "console-gate-" + gated);
    try (KafkaProducer<byte[], byte[]> open =
            new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        GlueClient glue =
            GlueClients.create(bridge.endpoint(), "us-east-1", ADMIN_KEY, ADMIN_SECRET)) {
      open.initTransactions();
      open.beginTransaction();
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 20; i < 40; i++) {
        sent.add(
            open.send(
                new ProducerRecord<>(gated, utf8("{\"id\": " + i + ", \"note\": \"late\"}"))));
      }
      open.flush();
      for (Future<RecordMetadata> each : sent) {
        each.get(30, TimeUnit.SECONDS);
      }

      String job = "backfill-" + gated;
      glue.createJob(
          b ->
              b.name(job)
                  .role("driftway-console-test")
                  .command(c -> c.name("driftway-backfill").scriptLocation("none"))
                  .defaultArguments(
                      Map.of(
                          "--pipeline",
                          fillFile.toString(),
                          "--source",
                          "kafka://" + gated,
                          "--from",
                          "earliest")));
      String runId = glue.startJobRun(b -> b.jobName(job)).jobRunId();
      JobRun midway =
          await()
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> glue.getJobRun(b -> b.jobName(job).runId(runId)).jobRun(),
                  r ->
                      r.jobRunState() != JobRunState.RUNNING
                          || "20 of 40 records read (50%)".equals(r.stateDetail()));
      assertThat(midway.jobRunState()).as(midway.errorMessage()).isEqualTo(JobRunState.RUNNING);
      assertThat(midway.executionTime()).isNotNull();

      Map<String, Object> input = new HashMap<>();
      input.put("accessKeyId", ADMIN_KEY);
      input.put("secretAccessKey", ADMIN_SECRET);
      input.put("runId", runId);
      BrowserResult page = run("progress.js", input, base, dir);
      JsonNode shown = page.result();
      assertThat(shown.path("found").asBoolean()).as(shown.toString()).isTrue();
      assertThat(shown.path("state").asText()).isEqualTo("RUNNING");
      assertThat(shown.path("text").asText()).isEqualTo("20 of 40 records read (50%)");
      assertThat(shown.path("bar").asText()).isEqualTo("50.0");
      assertThat(shown.path("label").asText()).isEqualTo("50% done");
      assertNothingRan(page);

      open.commitTransaction();
      JobRun ended =
          await()
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> glue.getJobRun(b -> b.jobName(job).runId(runId)).jobRun(),
                  r -> r.jobRunState() != JobRunState.RUNNING);
      assertThat(ended.jobRunState()).as(ended.errorMessage()).isEqualTo(JobRunState.SUCCEEDED);
      assertThat(ended.stateDetail()).isNull();
      assertThat(PipelineHarness.ids(PipelineHarness.rows(catalog, BACKFILLED))).hasSize(40);
    }
  }

  /**
   * The hold pipeline's records: two that fit, two with a new field /coupon and one with /debug,
   * both held (new-fields: hold), so the quarantine page offers approve and reject for them.
   */
  private static void hold(
      KafkaBroker kafka, FlinkCluster flink, PipelineSpec spec, String topic, Catalog catalog)
      throws Exception {
    JobClient job = PipelineHarness.start(flink, spec);
    try {
      PipelineHarness.produce(
          kafka,
          topic,
          List.of(utf8("{\"id\": 1, \"amount\": 10}"), utf8("{\"id\": 2, \"amount\": 20}")));
      PipelineHarness.awaitRows(catalog, ORDERS, 2);
      PipelineHarness.produce(
          kafka,
          topic,
          List.of(
              utf8("{\"id\": 3, \"amount\": 30, \"coupon\": \"C3\"}"),
              utf8("{\"id\": 4, \"amount\": 40, \"coupon\": \"C4\"}"),
              utf8("{\"id\": 5, \"amount\": 50, \"debug\": true}")));
      PipelineHarness.awaitRows(catalog, QuarantineTable.idFor(ORDERS), 3);
    } finally {
      job.cancel().get(1, TimeUnit.MINUTES);
    }
  }

  /** The demo's phases, then the probe, each committed before the next is produced. */
  private static void feed(
      KafkaBroker kafka,
      FlinkCluster flink,
      CatalogBridge bridge,
      PipelineSpec spec,
      String topic,
      Catalog catalog)
      throws Exception {
    List<DemoEvents.Phase> phases = new ArrayList<>(DemoEvents.phases(12, 42L));
    List<byte[]> probe = new ArrayList<>();
    probe.add(
        utf8(
            "{\"event_id\": 500000, \"user_id\": 1, \"event_type\": \"click\","
                + " \"ts\": \"2026-11-21T08:00:00Z\", \"amount\": \"1 EUR\","
                + " \"device\": {\"os\": \"web\", \"version\": \"1.0\"}, \"campaign\": \"x\", "
                + json(FIELD_PROBE)
                + ": "
                + json(VALUE_PROBE)
                + "}"));
    probe.add(utf8(BROKEN_PROBE));
    probe.add(
        utf8(
            "{\"event_id\": "
                + TOO_LARGE_ID
                + ", \"user_id\": 2, \"event_type\": \"view\", \"ts\": \"2026-11-21T09:00:00Z\","
                + " \"note\": \""
                + "x".repeat(800)
                + "\"}"));
    phases.add(new DemoEvents.Phase("the probe", probe, 2));
    JobClient job = PipelineHarness.start(flink, spec);
    try {
      long produced = 0;
      for (DemoEvents.Phase phase : phases) {
        PipelineHarness.produce(kafka, topic, phase.records());
        produced += phase.records().size();
        long expected = produced;
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    count(catalog, EVENTS) + count(catalog, QuarantineTable.idFor(EVENTS))
                        >= expected);
      }
      // Alerts reach the bridge from the job's background sender: wait for them before the job
      // is cancelled, so the timeline can annotate the changes.
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> listAlerts(bridge),
              alerts -> alerts.contains("/campaign") && alerts.contains("/device/version"));
    } finally {
      job.cancel().get(1, TimeUnit.MINUTES);
    }
  }

  /** The stored alerts about demo.events (Driftway.ListAlerts, signed with the admin key). */
  private static String listAlerts(CatalogBridge bridge) throws Exception {
    String body = "{\"DatabaseName\": \"demo\", \"TableName\": \"events\", \"MaxResults\": 100}";
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(bridge.endpoint().resolve("/"))
            .putHeader("X-Amz-Target", "Driftway.ListAlerts")
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsBasicCredentials.create(ADMIN_KEY, ADMIN_SECRET))
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "glue")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(bridge.endpoint().resolve("/"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    signed
        .request()
        .headers()
        .forEach(
            (name, values) -> {
              // The HTTP client sets Host itself, to the host:port the signature covers.
              if (!name.equalsIgnoreCase("Host") && !values.isEmpty()) {
                request.header(name, values.get(0));
              }
            });
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static BrowserResult run(
      String script, Map<String, ?> credentials, String base, Path dir) {
    Map<String, Object> input = new HashMap<>(credentials);
    input.put("base", base);
    input.putIfAbsent("db", "demo");
    input.putIfAbsent("table", "events");
    input.put("screenshotDir", SHOTS.toString());
    Duration limit = input.containsKey("waitMs") ? SCRIPT_LIMIT.plusSeconds(60) : SCRIPT_LIMIT;
    return BrowserScript.run(SCRIPTS.resolve(script), input, dir.resolve("browser"), limit);
  }

  private static void assertNothingRan(BrowserResult result) {
    assertNothingRan(result, null);
  }

  /**
   * No dialog, page error or console error; {@code provoked} is the status of a load the scenario
   * made fail on purpose (e.g. a refused post), whose console error is expected.
   */
  private static void assertNothingRan(BrowserResult result, String provoked) {
    assertThat(result.events().path("dialogs")).as("dialogs").isEmpty();
    assertThat(result.events().path("pageErrors")).as("page errors").isEmpty();
    // Pages name their icon, so the browser loads every resource: any other console error is a
    // fault.
    List<String> consoleErrors = new ArrayList<>();
    result
        .events()
        .path("consoleErrors")
        .forEach(
            e -> {
              if (provoked == null
                  || !e.asText()
                      .equals(
                          "Failed to load resource: the server responded with a status of "
                              + provoked)) {
                consoleErrors.add(e.asText());
              }
            });
    assertThat(consoleErrors).as("console errors").isEmpty();
  }

  private static Configuration bridgeConfig(Path dir) {
    return Configuration.builder(BridgeOptions.all())
        .set(BridgeOptions.SERVER_HOST, "127.0.0.1")
        .set(BridgeOptions.SERVER_PORT, 0)
        .set(BridgeOptions.SERVER_SHUTDOWN_GRACE, Duration.ofSeconds(2))
        .set(BridgeOptions.AUTH_MODE, AuthMode.SIGV4)
        .set(
            BridgeOptions.AUTH_PRINCIPALS,
            List.of(
                Principal.of("operator", ADMIN_KEY, ADMIN_SECRET, Map.of("*", Access.ADMIN)),
                Principal.of("viewer", READER_KEY, READER_SECRET, Map.of("*", Access.READ_ONLY))))
        .set(BridgeOptions.EVENTS_LOG, false)
        .set(BridgeOptions.STORE_URL, "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath())
        .build();
  }

  /** The demo's pipeline, signed with the admin key, with a record size limit. */
  private static String pipeline(
      KafkaBroker kafka, String topic, CatalogBridge bridge, Path dir, int maxRecordBytes) {
    return """
        name: console
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        format:
          type: json
        routing:
          table: events
        tables:
          - name: events
            database: demo
            hints:
              ts: timestamptz
            policies:
              new-fields: evolve
              type-conflicts: widen
              max-record-bytes: %d
        warehouse:
          location: %s
        catalog:
          type: glue
          endpoint: %s
          region: us-east-1
          access-key-id: %s
          secret-access-key: %s
        checkpointing:
          interval: 500ms
        parallelism: 1
        alerts:
          log: false
          bridge: true
        """
        .formatted(
            kafka.bootstrapServers(),
            topic,
            maxRecordBytes,
            dir.resolve("warehouse"),
            bridge.endpoint(),
            ADMIN_KEY,
            ADMIN_SECRET);
  }

  /** demo.orders, holding new fields until an operator decides. */
  private static String holdPipeline(
      KafkaBroker kafka, String topic, CatalogBridge bridge, Path dir) {
    return """
        name: console-hold
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        format:
          type: json
        routing:
          table: orders
        tables:
          - name: orders
            database: demo
            policies:
              new-fields: hold
        warehouse:
          location: %s
        catalog:
          type: glue
          endpoint: %s
          region: us-east-1
          access-key-id: %s
          secret-access-key: %s
        checkpointing:
          interval: 500ms
        parallelism: 1
        alerts:
          log: false
        """
        .formatted(
            kafka.bootstrapServers(),
            topic,
            dir.resolve("warehouse"),
            bridge.endpoint(),
            ADMIN_KEY,
            ADMIN_SECRET);
  }

  /** The gated topic's backfill: a read_committed consumer stops at the open transaction. */
  private static String backfillPipeline(
      KafkaBroker kafka, String topic, CatalogBridge bridge, Path dir) {
    return """
        name: console-backfill
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              properties:
                isolation.level: read_committed
        format:
          type: json
        routing:
          table: backfilled
        tables:
          - name: backfilled
            database: demo
        warehouse:
          location: %s
        catalog:
          type: glue
          endpoint: %s
          region: us-east-1
          access-key-id: %s
          secret-access-key: %s
        checkpointing:
          interval: 500ms
        parallelism: 1
        alerts:
          log: false
        """
        .formatted(
            kafka.bootstrapServers(),
            topic,
            dir.resolve("warehouse"),
            bridge.endpoint(),
            ADMIN_KEY,
            ADMIN_SECRET);
  }

  private static long count(Catalog catalog, TableIdentifier id) {
    return catalog.tableExists(id) ? PipelineHarness.rows(catalog, id).size() : 0;
  }

  private static List<Long> eventIds(Catalog catalog) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(EVENTS)).build()) {
      for (Record row : rows) {
        ids.add(((Number) row.getField("event_id")).longValue());
      }
    }
    return ids;
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asInt()));
    return values;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
