package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.catalogbridge.metrics.BridgeMetrics;
import io.driftway.connectors.metrics.PipelineMetrics;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.embedded.process.FreePorts;
import io.driftway.platform.config.Configuration;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.prometheus.PrometheusServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server scrapes a running pipeline (Flink's Prometheus reporter, as {@code
 * driftway run} turns it on) and the catalog bridge's {@code /metrics} every second; its query API
 * shows the figures move to exactly what was produced.
 */
@ExtendWith(KafkaExtension.class)
class PrometheusMetricsIT {

  private static final String TABLE = "{database=\"web\",table=\"clicks\"}";

  @Test
  void prometheusSeesPipelineAndBridgeFiguresMoveAsRecordsFlow(KafkaBroker kafka, @TempDir Path dir)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "clicks-" + suffix;
    kafka.createTopic(topic, 2);
    int flinkPort = FreePorts.next();
    org.apache.flink.configuration.Configuration reporter =
        new org.apache.flink.configuration.Configuration();
    new PrometheusReporting.Port(flinkPort).applyTo(reporter);

    try (CatalogBridge bridge = startBridge(dir);
        FlinkCluster flink = FlinkCluster.start(reporter);
        PrometheusServer prometheus =
            PrometheusServer.start(
                dir.resolve("prometheus"),
                Duration.ofSeconds(1),
                Map.of(
                    "flink", URI.create("http://127.0.0.1:" + flinkPort + "/metrics"),
                    "bridge", bridge.endpoint().resolve("/metrics")))) {
      PipelineSpec spec = spec(suffix, kafka, topic, bridge, dir);
      JobClient job = PipelineHarness.start(flink, spec);
      try {
        // Batch 1: 100 records whose field "note" is rescued by policy.
        List<byte[]> first = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          first.add(utf8("{\"id\": " + i + ", \"page\": \"/p" + i + "\", \"note\": \"n\"}"));
        }
        PipelineHarness.produce(kafka, topic, first);
        awaitValue(prometheus, "sum(" + name(PipelineMetrics.RECORDS_IN) + TABLE + ")", 100);
        awaitValue(prometheus, "sum(" + name(PipelineMetrics.ROWS_WRITTEN) + TABLE + ")", 100);
        awaitValue(prometheus, "sum(" + name(PipelineMetrics.ROWS_RESCUED) + TABLE + ")", 100);
        awaitValue(prometheus, "sum(" + COMMITTED + ")", 100);
        // How many schema changes the first batch makes depends on how its records fall into
        // checkpoints (changes settle once per checkpoint), so the test only asks for at least one.
        String schemaChanges = "sum(" + name(PipelineMetrics.SCHEMA_CHANGES) + TABLE + ")";
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(value(prometheus, schemaChanges)).isGreaterThan(0));
        double changesBefore = value(prometheus, schemaChanges);
        double requests = value(prometheus, "sum(" + BridgeMetrics.REQUESTS + ")");
        double commits = value(prometheus, BridgeMetrics.COMMITS);
        assertThat(commits).isGreaterThanOrEqualTo(1);

        // Batch 2: 150 records with a new field "ref" (a schema change) and 3 that are no JSON.
        List<byte[]> second = new ArrayList<>();
        for (int i = 100; i < 250; i++) {
          second.add(utf8("{\"id\": " + i + ", \"page\": \"/p" + i + "\", \"ref\": \"r\"}"));
        }
        for (int i = 0; i < 3; i++) {
          second.add(utf8("{\"id\": " + i + ", broken"));
        }
        PipelineHarness.produce(kafka, topic, second);
        awaitValue(prometheus, "sum(" + name(PipelineMetrics.RECORDS_IN) + TABLE + ")", 253);
        awaitValue(prometheus, "sum(" + name(PipelineMetrics.ROWS_WRITTEN) + TABLE + ")", 250);
        awaitValue(
            prometheus,
            "sum("
                + PipelineMetrics.PROMETHEUS_NAMES.get(3)
                + "{database=\"web\",table=\"clicks\",stage=\"decode\"})",
            3);
        awaitValue(prometheus, "sum(" + COMMITTED + ")", 250);
        // "ref" added: the count moves past what the first batch left (Prometheus may have read
        // that figure a scrape late, which only makes it smaller).
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> assertThat(value(prometheus, schemaChanges)).isGreaterThan(changesBefore));
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  assertThat(value(prometheus, "sum(" + BridgeMetrics.REQUESTS + ")"))
                      .isGreaterThan(requests);
                  assertThat(value(prometheus, BridgeMetrics.COMMITS)).isGreaterThan(commits);
                  assertThat(
                          value(
                              prometheus,
                              "max(" + name(PipelineMetrics.NEWEST_COMMIT_AGE) + TABLE + ")"))
                      .isBetween(0.0, 30.0);
                });
        assertThat(
                value(
                    prometheus,
                    "sum("
                        + BridgeMetrics.REQUESTS
                        + "{operation=\"UpdateTable\",outcome=\"ok\"})"))
            .isGreaterThanOrEqualTo(2);

        // Every documented name Kafka pipelines export is stored (Kinesis lag needs Kinesis).
        List<String> stored = prometheus.metricNames();
        assertThat(stored)
            .containsAll(BridgeMetrics.NAMES)
            .containsAll(PipelineMetrics.FLINK_PROMETHEUS_NAMES)
            .containsAll(
                PipelineMetrics.PROMETHEUS_NAMES.stream()
                    .filter(n -> !n.endsWith(PipelineMetrics.MILLIS_BEHIND_LATEST))
                    .toList());
      } finally {
        job.cancel().get(1, TimeUnit.MINUTES);
      }
    }
  }

  private static final String COMMITTED =
      "flink_taskmanager_job_task_operator_IcebergFilesCommitter_table_committedDataFilesRecordCount"
          + "{table=~\".*_web_clicks\"}";

  private static String name(String metric) {
    return PipelineMetrics.PROMETHEUS_NAMES.stream()
        .filter(n -> n.endsWith("_" + metric))
        .findFirst()
        .orElseThrow();
  }

  private static double value(PrometheusServer prometheus, String query) {
    return prometheus.query(query).orElse(Double.NaN);
  }

  private static void awaitValue(PrometheusServer prometheus, String query, double expected) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(value(prometheus, query)).as(query).isEqualTo(expected));
  }

  private static CatalogBridge startBridge(Path dir) {
    return CatalogBridge.start(
        Configuration.builder(BridgeOptions.all())
            .set(BridgeOptions.SERVER_HOST, "127.0.0.1")
            .set(BridgeOptions.SERVER_PORT, 0)
            .set(BridgeOptions.AUTH_MODE, AuthMode.NONE)
            .set(BridgeOptions.STORE_URL, "jdbc:h2:file:" + dir.resolve("catalog"))
            .build());
  }

  private static PipelineSpec spec(
      String suffix, KafkaBroker kafka, String topic, CatalogBridge bridge, Path dir) {
    return PipelineHarness.spec(
        "clicks.yaml",
        """
        name: metrics-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          table: clicks
        tables:
          - name: clicks
            database: web
            freshness-slo: 1m
            policies:
              overrides:
                /note: rescue
        warehouse:
          location: %s
        catalog:
          type: glue
          endpoint: %s
          region: us-east-1
        checkpointing:
          interval: 1s
        parallelism: 2
        alerts:
          log: false
        """
            .formatted(
                suffix,
                kafka.bootstrapServers(),
                topic,
                dir.resolve("warehouse"),
                bridge.endpoint()));
  }
}
