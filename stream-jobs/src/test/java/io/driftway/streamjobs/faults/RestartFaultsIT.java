package io.driftway.streamjobs.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts around a running pipeline (MiniCluster, Hadoop catalog on a local warehouse): the Kafka
 * broker restarted while records flow, and the pipeline started again as a new Flink job (new job
 * id) from its last retained checkpoint after that checkpoint's commit had succeeded (the pattern
 * of Apache Iceberg issue 16008, where a committer deduplicating by job id commits twice).
 */
@ExtendWith({KafkaExtension.class, FlinkExtension.class})
class RestartFaultsIT {

  private static final int BATCH = 150;
  private static final TableIdentifier EVENTS = TableIdentifier.of("restarts", "events");

  private static PipelineSpec pipeline(String suffix, String brokers, String topic, Path dir) {
    return pipeline(suffix, brokers, topic, dir, "1s");
  }

  private static PipelineSpec pipeline(
      String suffix, String brokers, String topic, Path dir, String interval) {
    return PipelineHarness.spec(
        "restarts.yaml",
        """
        name: restarts-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          table: events
        tables:
          - name: events
            database: restarts
        warehouse:
          location: %s
        catalog:
          type: hadoop
        checkpointing:
          interval: %s
          storage: %s
        parallelism: 2
        """
            .formatted(
                suffix,
                brokers,
                topic,
                dir.resolve("warehouse"),
                interval,
                dir.resolve("checkpoints").toUri()));
  }

  private static Configuration jobSettings(PipelineSpec spec) {
    Configuration config = PipelineJob.configuration(spec);
    config.addAll(FaultChecks.quickRestarts());
    return config;
  }

  @Test
  void aKafkaBrokerRestartedWhileRecordsFlowLosesAndDuplicatesNothing(
      FlinkCluster flink, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    try (KafkaBroker kafka = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")))) {
      String topic = kafka.createTopic("broker-" + suffix, 2);
      PipelineSpec spec = pipeline(suffix, kafka.bootstrapServers(), topic, dir);
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      JobClient job = PipelineHarness.start(flink, spec, jobSettings(spec));
      try {
        PipelineHarness.produce(kafka, topic, FaultChecks.drifting(0, BATCH));
        PipelineHarness.awaitRows(catalog, EVENTS, 1);
        kafka.restart();
        PipelineHarness.produce(kafka, topic, FaultChecks.drifting(BATCH, 2 * BATCH));
        FaultChecks.awaitExactlyOnce(catalog, spec, EVENTS, 2 * BATCH);
      } finally {
        job.cancel().get();
        ((Closeable) catalog).close();
      }
    }
  }

  @Test
  void aNewJobFromTheLastRetainedCheckpointAfterItsCommitWritesNothingTwice(
      KafkaBroker kafka, FlinkCluster flink, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = kafka.createTopic("newjob-" + suffix, 2);
    // Checkpoints only when the test triggers them, so it knows which one holds the last commit.
    PipelineSpec spec = pipeline(suffix, kafka.bootstrapServers(), topic, dir, "1h");
    Catalog catalog = Catalogs.loader(spec).loadCatalog();
    try {
      JobClient first = PipelineHarness.start(flink, spec, jobSettings(spec));
      PipelineHarness.produce(kafka, topic, FaultChecks.drifting(0, BATCH));
      String checkpoint = checkpointUntilCommitted(flink, first, catalog, BATCH);
      // The newest retained checkpoint is the one whose commit made the rows complete: its
      // committer state still holds what was committed, and a committer deduplicating by job id
      // would commit it again under the new job.
      assertThat(lastCommittedCheckpoint(catalog))
          .isEqualTo(checkpoint.substring(checkpoint.lastIndexOf("chk-") + 4));
      first.cancel().get();

      PipelineHarness.produce(kafka, topic, FaultChecks.drifting(BATCH, 2 * BATCH));
      Configuration resume = jobSettings(spec);
      resume.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint);
      JobClient second = PipelineHarness.start(flink, spec, resume);
      try {
        assertThat(second.getJobID()).isNotEqualTo(first.getJobID());
        checkpointUntilCommitted(flink, second, catalog, 2 * BATCH);
        FaultChecks.checkExactlyOnce(catalog, spec, EVENTS, 2 * BATCH);
      } finally {
        second.cancel().get();
      }
    } finally {
      ((Closeable) catalog).close();
    }
  }

  /**
   * Triggers checkpoints of {@code job} until the table and quarantine hold all {@code count}
   * records; returns the path of the checkpoint whose commit completed them.
   */
  private static String checkpointUntilCommitted(
      FlinkCluster flink, JobClient job, Catalog catalog, int count) {
    TableIdentifier quarantine = TableIdentifier.of("restarts", "events_quarantine");
    long good = FaultChecks.good(count);
    String[] last = new String[1];
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              try {
                last[0] = flink.miniCluster().triggerCheckpoint(job.getJobID()).get();
              } catch (java.util.concurrent.ExecutionException notRunningYet) {
                return false;
              }
              try {
                await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                        () ->
                            PipelineHarness.rows(catalog, EVENTS).size() == good
                                && PipelineHarness.rows(catalog, quarantine).size()
                                    == count - good);
                return true;
              } catch (org.awaitility.core.ConditionTimeoutException notYet) {
                return false;
              }
            });
    return last[0];
  }

  private static String lastCommittedCheckpoint(Catalog catalog) {
    return catalog
        .loadTable(EVENTS)
        .currentSnapshot()
        .summary()
        .get("flink.max-committed-checkpoint-id");
  }

  /** The newest {@code chk-N} folder with a {@code _metadata} file, under any job's folder. */
  static Optional<Path> newestCheckpoint(Path storage) throws IOException {
    if (!Files.isDirectory(storage)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(storage, 3)) {
      return files
          .filter(p -> p.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .max(
              Comparator.comparingLong(
                  p -> Long.parseLong(p.getFileName().toString().substring(4))));
    }
  }
}
