package io.driftway.streamjobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.cli.Driftway;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.kafka.KafkaExtension;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  private static final Path REPO = Path.of(System.getProperty("driftway.repo.root", ".."));
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
      Process first = start(file, dir, "first");
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
      Process second = start(file, dir, "second");
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

  /** {@code driftway run <pipeline>} in a JVM of its own, as the launcher script runs it. */
  private static Process start(Path pipeline, Path dir, String name) throws IOException {
    Path target = REPO.resolve("stream-jobs").resolve("target");
    String classpath =
        target.resolve("classes")
            + ":"
            + Files.readString(target.resolve("classpath.txt"), StandardCharsets.UTF_8).trim();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx1g", "-Daws.cborEnabled=false", "-cp", classpath));
    command.addAll(List.of(Driftway.class.getName(), "run", pipeline.toString()));
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(dir.resolve(name + "-out.txt").toFile())
        .redirectError(dir.resolve(name + "-err.txt").toFile())
        .start();
  }
}
