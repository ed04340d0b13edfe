package io.driftway.streamjobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.kafka.KafkaExtension;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftway run} as a process of its own, killed with SIGKILL while records flow (no
 * savepoint, no shutdown of any kind), then run again: the second run resumes from the newest
 * retained checkpoint, and the table ends with every record exactly once.
 */
@ExtendWith(KafkaExtension.class)
class KillRunIT {

  private static final int BATCH = 150;
  private static final TableIdentifier EVENTS = TableIdentifier.of("killed", "events");

  @Test
  void sigkillOfTheWholeRunJvmThenRunAgainLosesAndDuplicatesNothing(
      KafkaBroker kafka, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = kafka.createTopic("killed-" + suffix, 2);
    Path file = dir.resolve("killed.yaml");
    Files.writeString(
        file,
        """
        name: killed-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          table: events
        tables:
          - name: events
            database: killed
        warehouse:
          location: %s
        catalog:
          type: hadoop
        checkpointing:
          interval: 1s
          storage: %s
        parallelism: 2
        """
            .formatted(
                suffix,
                kafka.bootstrapServers(),
                topic,
                dir.resolve("warehouse"),
                dir.resolve("state").resolve("checkpoints").toUri()));
    PipelineSpec spec = PipelineSpecLoader.load(file);
    Catalog catalog = Catalogs.loader(spec).loadCatalog();
    try {
      PipelineHarness.produce(kafka, topic, FaultChecks.drifting(0, BATCH));
      Process first = RunProcess.start(file, dir, "first");
      try {
        PipelineHarness.awaitRows(catalog, EVENTS, 1);
        PipelineHarness.produce(kafka, topic, FaultChecks.drifting(BATCH, 2 * BATCH));
      } finally {
        // SIGKILL: the JVM gets no chance to stop, flush or commit anything.
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(first.exitValue()).isEqualTo(137);

      PipelineHarness.produce(kafka, topic, FaultChecks.drifting(2 * BATCH, 3 * BATCH));
      Process second = RunProcess.start(file, dir, "second");
      try {
        FaultChecks.awaitExactlyOnce(catalog, spec, EVENTS, 3 * BATCH);
      } finally {
        second.destroyForcibly();
        second.waitFor(30, TimeUnit.SECONDS);
      }
      assertThat(Files.readString(dir.resolve("second-out.txt")))
          .containsPattern("resumed from file:\\S+/chk-\\d+");
    } finally {
      ((Closeable) catalog).close();
    }
  }
}
