package io.driftway.streamjobs.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.streamjobs.spec.PipelineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineApplicationTest {

  private static final String PIPELINE =
      """
      name: %s
      %s
      routing:
        table: events
      tables:
        - name: events
          database: sales
      warehouse:
        location: /tmp/warehouse
      catalog:
        type: hadoop
      checkpointing:
        interval: 1s
      parallelism: 1
      """;

  @Test
  void loadsThePipelineFileNamedByItsOneArgument(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "orders",
            """
            sources:
              - kafka:
                  bootstrap-servers: 127.0.0.1:9092
                  topics: [orders]
                  group-id: driftway-orders
            """);

    PipelineSpec spec = PipelineApplication.load(file.toString());

    assertThat(spec.name()).isEqualTo("orders");
    assertThat(spec.sources()).hasSize(1);
  }

  @Test
  void refusesAnythingButOnePipelineFile() {
    assertThatThrownBy(PipelineApplication::load)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot start pipeline: expected one argument, the pipeline file: []");
    assertThatThrownBy(() -> PipelineApplication.load("a.yaml", "b.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot start pipeline: expected one argument, the pipeline file: [a.yaml, b.yaml]");
  }

  @Test
  void refusesAPipelineWithoutAStreamingSource(@TempDir Path dir) throws IOException {
    Path file = write(dir, "archive", "");

    assertThatThrownBy(() -> PipelineApplication.load(file.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot run pipeline: it has no streaming source, so it only takes backfills (driftway"
                + " backfill <pipeline.yaml> --source ...); add a kafka or kinesis item under"
                + " sources to run it: archive");
  }

  private static Path write(Path dir, String name, String sources) throws IOException {
    return Files.writeString(dir.resolve(name + ".yaml"), PIPELINE.formatted(name, sources));
  }
}
