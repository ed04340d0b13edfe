package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.parseJson;
import static io.driftway.streamjobs.graph.PipelineHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.api.CommitFaults;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.platform.config.Configuration;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freshness alerts: records keep flowing while the catalog bridge refuses the table's commits (its
 * test-only commit fault hook), so the committer fails and the job restarts again and again. The
 * table's {@code freshness-slo} is breached and exactly one breach alert reaches the webhook and
 * the Kafka alert topic; once commits are let through again exactly one recovery alert follows, and
 * every record is in the table once.
 */
@ExtendWith({KafkaExtension.class, FlinkExtension.class})
class FreshnessAlertsIT {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @Test
  void alertsOnceWhileCommitsAreRefusedAndOnceWhenTheyAreAllowedAgain(
      KafkaBroker kafka, FlinkCluster flink, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "orders-" + suffix;
    String pipeline = "fresh-" + suffix;
    String alertTopic = "alerts-" + suffix;
    kafka.createTopic(topic, 1);
    kafka.createTopic(alertTopic, 1);
    CommitFaults faults = CommitFaults.forTable("shop.orders");
    ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger produced = new AtomicInteger();
    try (CatalogBridge bridge = startBridge(dir, faults);
        WebhookReceiver receiver = new WebhookReceiver();
        KafkaProducer<byte[], byte[]> kafkaProducer = producer(kafka)) {
      PipelineSpec spec =
          spec(pipeline, kafka, topic, bridge, dir, alertTopic, receiver.url("/alerts"));
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      TableIdentifier orders = TableIdentifier.of("shop", "orders");
      JobClient job = PipelineHarness.start(flink, spec);
      try {
        // Input flows all along: ten records a second.
        ScheduledFuture<?> ticks =
            producer.scheduleAtFixedRate(
                () -> {
                  int id = produced.getAndIncrement();
                  Future<?> unused =
                      kafkaProducer.send(
                          new ProducerRecord<>(
                              topic, utf8("{\"id\": " + id + ", \"item\": \"i\"}")));
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
        PipelineHarness.awaitRows(catalog, orders, 20);

        Instant paused = Instant.now();
        faults.failNext(Integer.MAX_VALUE);
        JsonNode breached = awaitAlert(receiver, "freshness_breached");
        // Still refused: the table's newest snapshot is the one that went stale.
        Snapshot stale = catalog.loadTable(orders).currentSnapshot();
        int refused = faults.failed();
        faults.clear();
        JsonNode recovered = awaitAlert(receiver, "freshness_recovered");

        String breachId = pipeline + "/shop.orders@freshness/" + stale.snapshotId() + "/breached";
        assertThat(breached.get("alert_id").asText()).isEqualTo(breachId);
        assertThat(breached.get("pipeline").asText()).isEqualTo(pipeline);
        assertThat(breached.get("database").asText()).isEqualTo("shop");
        assertThat(breached.get("table").asText()).isEqualTo("orders");
        assertThat(breached.get("slo").asText()).isEqualTo("PT10S");
        assertThat(breached.get("stale_snapshot_id").asLong()).isEqualTo(stale.snapshotId());
        assertThat(Instant.parse(breached.get("newest_commit_at").asText()))
            .isEqualTo(Instant.ofEpochMilli(stale.timestampMillis()))
            .isBefore(paused.plusSeconds(5));
        assertThat(Instant.parse(breached.get("last_input_at").asText()))
            .isAfter(Instant.ofEpochMilli(stale.timestampMillis()));
        assertThat(refused).as("commits refused while breached").isPositive();

        assertThat(recovered.get("alert_id").asText())
            .isEqualTo(breachId.replace("/breached", "/recovered"));
        assertThat(recovered.get("breached_since")).isEqualTo(breached.get("breached_since"));
        assertThat(Instant.parse(recovered.get("newest_commit_at").asText()))
            .isAfter(Instant.ofEpochMilli(stale.timestampMillis()));

        ticks.cancel(false);
        producer.shutdown();
        assertThat(producer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        kafkaProducer.flush();
        int total = produced.get();
        List<Record> rows = PipelineHarness.awaitRows(catalog, orders, total);
        assertThat(PipelineHarness.ids(rows))
            .hasSize(total)
            .doesNotHaveDuplicates()
            .allMatch(id -> id >= 0 && id < total);
        // At least once, each alert with a stable id: one breach and one recovery in all, on the
        // webhook and on the Kafka alert topic alike.
        Map<String, List<String>> expected =
            Map.of(
                "freshness_breached", List.of(breachId),
                "freshness_recovered", List.of(breachId.replace("/breached", "/recovered")));
        assertThat(alertIds(receiver.deliveries().stream().map(d -> d.body()).toList()))
            .containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(awaitKafkaAlerts(kafka, alertTopic, expected))
            .containsExactlyInAnyOrderEntriesOf(expected);
        System.out.println("Breach alert: " + breached);
        System.out.println("Recovery alert: " + recovered);
        System.out.println("Commits refused: " + faults.failed() + ", rows: " + total);
      } finally {
        producer.shutdownNow();
        job.cancel().get(1, TimeUnit.MINUTES);
        if (catalog instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
    }
  }

  /** Distinct freshness alert ids by type, of every alert body in {@code bodies}. */
  private static Map<String, List<String>> alertIds(List<String> bodies) {
    return bodies.stream()
        .map(PipelineHarness::parseJson)
        .filter(a -> a.get("type").asText().startsWith("freshness_"))
        .collect(
            Collectors.groupingBy(
                a -> a.get("type").asText(),
                Collectors.collectingAndThen(
                    Collectors.mapping(a -> a.get("alert_id").asText(), Collectors.toSet()),
                    List::copyOf)));
  }

  /** The freshness alert ids on the alert topic, once they include {@code expected}. */
  private static Map<String, List<String>> awaitKafkaAlerts(
      KafkaBroker kafka, String topic, Map<String, List<String>> expected) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> bodies = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(DEADLINE)
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  bodies.add(r.value());
                }
                return alertIds(bodies).keySet().containsAll(expected.keySet());
              });
    }
    return alertIds(bodies);
  }

  private static JsonNode awaitAlert(WebhookReceiver receiver, String type) {
    return await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                receiver.deliveries().stream()
                    .map(d -> parseJson(d.body()))
                    .filter(a -> a.get("type").asText().equals(type))
                    .findFirst()
                    .orElse(null),
            alert -> alert != null);
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaBroker kafka) {
    Properties props = kafka.clientProperties();
    props.put("acks", "all");
    props.put("linger.ms", "0");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static CatalogBridge startBridge(Path dir, CommitFaults faults) {
    return CatalogBridge.builder(
            Configuration.builder(BridgeOptions.all())
                .set(BridgeOptions.SERVER_HOST, "127.0.0.1")
                .set(BridgeOptions.SERVER_PORT, 0)
                .set(BridgeOptions.AUTH_MODE, AuthMode.NONE)
                .set(BridgeOptions.STORE_URL, "jdbc:h2:file:" + dir.resolve("catalog"))
                .build())
        .commitFaults(faults)
        .start();
  }

  private static PipelineSpec spec(
      String pipeline,
      KafkaBroker kafka,
      String topic,
      CatalogBridge bridge,
      Path dir,
      String alertTopic,
      String webhook) {
    return PipelineHarness.spec(
        "fresh.yaml",
        """
        name: %s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          table: orders
        tables:
          - name: orders
            database: shop
            freshness-slo: 10s
        warehouse:
          location: %s
        catalog:
          type: glue
          endpoint: %s
          region: us-east-1
        checkpointing:
          interval: 1s
        parallelism: 1
        alerts:
          log: true
          kafka:
            topic: %s
          webhook:
            url: %s
            max-attempts: 3
            initial-backoff: 100ms
        """
            .formatted(
                pipeline,
                kafka.bootstrapServers(),
                topic,
                dir.resolve("warehouse"),
                bridge.endpoint(),
                alertTopic,
                webhook));
  }
}
