package io.driftway.streamjobs.faults;

import static org.awaitility.Awaitility.await;

import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.api.CommitFaults;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.platform.config.Configuration;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.Closeable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline committing through the catalog bridge (Iceberg's GlueCatalog, warehouse on S3Proxy)
 * while commits fail: UpdateTable refused before the store applied it, UpdateTable applied but
 * unanswered (outcome unknown to the committer), and the bridge itself restarted while the pipeline
 * commits. Every record ends in the table or its quarantine exactly once.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class, FlinkExtension.class})
class CommitFaultsPipelineIT {

  private static final int BATCH = 150;

  private static Configuration bridgeConfig(Path dir, S3ProxyServer s3, int port) {
    return Configuration.builder(BridgeOptions.all())
        .set(BridgeOptions.SERVER_PORT, port)
        .set(BridgeOptions.SERVER_SHUTDOWN_GRACE, Duration.ofSeconds(2))
        .set(BridgeOptions.AUTH_MODE, AuthMode.NONE)
        .set(BridgeOptions.EVENTS_LOG, false)
        .set(BridgeOptions.STORE_URL, "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath())
        .set(BridgeOptions.STORAGE_S3_ENDPOINT, s3.endpoint())
        .set(BridgeOptions.STORAGE_S3_REGION, s3.region())
        .set(BridgeOptions.STORAGE_S3_ACCESS_KEY_ID, s3.accessKey())
        .set(BridgeOptions.STORAGE_S3_SECRET_ACCESS_KEY, s3.secretKey())
        .set(BridgeOptions.STORAGE_S3_PATH_STYLE_ACCESS, true)
        .build();
  }

  private static PipelineSpec pipeline(
      String suffix, KafkaBroker kafka, String topic, S3ProxyServer s3, URI bridge) {
    String bucket = "faults-" + suffix;
    PipelineHarness.createBucket(s3, bucket);
    return PipelineHarness.spec(
        "faults.yaml",
        """
        name: faults-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          table: events
        tables:
          - name: events
            database: faults
        warehouse:
          location: s3://%s/warehouse
          s3-endpoint: %s
          s3-region: us-east-1
          s3-path-style: true
          access-key-id: %s
          secret-access-key: %s
        catalog:
          type: glue
          endpoint: %s
          region: us-east-1
        checkpointing:
          interval: 1s
        parallelism: 2
        """
            .formatted(
                suffix,
                kafka.bootstrapServers(),
                topic,
                bucket,
                s3.endpoint(),
                s3.accessKey(),
                s3.secretKey(),
                bridge));
  }

  @Test
  void failedAndUnansweredCommitsLoseAndDuplicateNothing(
      KafkaBroker kafka, S3ProxyServer s3, FlinkCluster flink, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "commits-" + suffix;
    kafka.createTopic(topic, 2);
    CommitFaults faults = CommitFaults.forTable("faults.events");
    try (CatalogBridge bridge =
        CatalogBridge.builder(bridgeConfig(dir, s3, 0)).commitFaults(faults).start()) {
      PipelineSpec spec = pipeline(suffix, kafka, topic, s3, bridge.endpoint());
      TableIdentifier events = TableIdentifier.of("faults", "events");
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      JobClient job = PipelineHarness.start(flink, spec, FaultChecks.quickRestarts());
      try {
        PipelineHarness.produce(kafka, topic, FaultChecks.drifting(0, BATCH));
        FaultChecks.awaitExactlyOnce(catalog, spec, events, BATCH);

        // Commits refused before the catalog applied them: Iceberg retries, the job may restart
        // from its last checkpoint; nothing is committed until the fault clears.
        faults.failNext(Integer.MAX_VALUE);
        PipelineHarness.produce(kafka, topic, FaultChecks.drifting(BATCH, 2 * BATCH));
        await().atMost(Duration.ofSeconds(60)).until(() -> faults.failed() >= 4);
        faults.clear();
        FaultChecks.awaitExactlyOnce(catalog, spec, events, 2 * BATCH);

        // A commit applied but unanswered: the committer must find it applied, not redo it.
        int applied = faults.applied();
        faults.dropAnswerNext(1);
        PipelineHarness.produce(kafka, topic, FaultChecks.drifting(2 * BATCH, 3 * BATCH));
        await().atMost(Duration.ofSeconds(60)).until(() -> faults.dropped() == 1);
        FaultChecks.awaitExactlyOnce(catalog, spec, events, 3 * BATCH);
        await().atMost(Duration.ofSeconds(30)).until(() -> faults.applied() > applied);
      } finally {
        job.cancel().get();
        ((Closeable) catalog).close();
      }
    }
  }

  @Test
  void aBridgeRestartedWhileThePipelineCommitsLosesAndDuplicatesNothing(
      KafkaBroker kafka, S3ProxyServer s3, FlinkCluster flink, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "bridge-" + suffix;
    kafka.createTopic(topic, 2);
    CommitFaults watch = CommitFaults.forTable("faults.events");
    CatalogBridge first =
        CatalogBridge.builder(bridgeConfig(dir, s3, 0)).commitFaults(watch).start();
    int port = first.endpoint().getPort();
    PipelineSpec spec = pipeline(suffix, kafka, topic, s3, first.endpoint());
    TableIdentifier events = TableIdentifier.of("faults", "events");
    JobClient job = PipelineHarness.start(flink, spec, FaultChecks.quickRestarts());
    CatalogBridge second = null;
    Catalog catalog = null;
    try {
      PipelineHarness.produce(kafka, topic, FaultChecks.drifting(0, BATCH));
      await().atMost(Duration.ofSeconds(60)).until(() -> watch.applied() >= 1);
      // Records keep arriving while the bridge goes away and comes back on the same port.
      PipelineHarness.produce(kafka, topic, FaultChecks.drifting(BATCH, 2 * BATCH));
      first.close();
      PipelineHarness.produce(kafka, topic, FaultChecks.drifting(2 * BATCH, 3 * BATCH));
      second = CatalogBridge.start(bridgeConfig(dir, s3, port));
      catalog = Catalogs.loader(spec).loadCatalog();
      FaultChecks.awaitExactlyOnce(catalog, spec, events, 3 * BATCH);
    } finally {
      job.cancel().get();
      if (catalog != null) {
        ((Closeable) catalog).close();
      }
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }
}
