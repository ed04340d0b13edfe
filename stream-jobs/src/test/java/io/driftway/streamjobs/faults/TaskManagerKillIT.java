package io.driftway.streamjobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.cli.Driftway;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.flink.FlinkSessionCluster;
import io.driftway.testsupport.kafka.KafkaExtension;
import java.io.Closeable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline submitted to a Flink session cluster (JobManager and TaskManager in JVMs of their own)
 * whose TaskManager is killed with SIGKILL while records flow and started again: the job restarts
 * from its last checkpoint and the table ends with every record exactly once.
 */
@ExtendWith(KafkaExtension.class)
class TaskManagerKillIT {

  private static final int BATCH = 150;
  private static final TableIdentifier EVENTS = TableIdentifier.of("tmkill", "events");

  @Test
  void aTaskManagerKilledWhileRecordsFlowLosesAndDuplicatesNothing(
      KafkaBroker kafka, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = kafka.createTopic("tmkill-" + suffix, 2);
    Path file = dir.resolve("tmkill.yaml");
    Files.writeString(
        file,
        """
        name: tmkill-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          table: events
        tables:
          - name: events
            database: tmkill
        warehouse:
          location: %s
        catalog:
          type: hadoop
        checkpointing:
          interval: 1s
        parallelism: 2
        """
            .formatted(suffix, kafka.bootstrapServers(), topic, dir.resolve("warehouse")));
    PipelineSpec spec = PipelineSpecLoader.load(file);
    Catalog catalog = Catalogs.loader(spec).loadCatalog();
    try (FlinkSessionCluster cluster = FlinkSessionCluster.start(dir.resolve("flink"))) {
      PipelineHarness.produce(kafka, topic, FaultChecks.drifting(0, BATCH));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      var cli = Driftway.commandLine();
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      int exit =
          cli.execute("submit", file.toString(), "--flink", cluster.restAddress().toString());
      assertThat(exit).as("stderr: %s", err).isZero();

      PipelineHarness.awaitRows(catalog, EVENTS, 1);
      PipelineHarness.produce(kafka, topic, FaultChecks.drifting(BATCH, 2 * BATCH));
      cluster.killAndRestartTaskManager();
      PipelineHarness.produce(kafka, topic, FaultChecks.drifting(2 * BATCH, 3 * BATCH));
      FaultChecks.awaitExactlyOnce(catalog, spec, EVENTS, 3 * BATCH);
    } finally {
      ((Closeable) catalog).close();
    }
  }
}
