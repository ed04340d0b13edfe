package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A pipeline without a streaming source, kept for backfills: {@code validate} accepts it, {@code
 * run} refuses it with a clear error, {@code backfill} writes its files, and a quarantined line's
 * coordinates say {@code file:} once.
 */
class BackfillOnlyPipelineIT {

  @Test
  void validatesBackfillsAndRefusesToRunAPipelineWithoutSources(@TempDir Path dir)
      throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(
        in.resolve("a.json"), "{\"id\": 1}\n{\"id\": 2, \"tag\": \"x\"}\n{\"id\": 3}\n{broken\n");
    Path pipeline = dir.resolve("archive.yaml");
    Files.writeString(
        pipeline,
        """
        name: archive
        routing:
          table: events
        tables:
          - name: events
            database: archive
        warehouse:
          location: %s
        catalog:
          type: hadoop
        checkpointing:
          interval: 1s
        parallelism: 1
        """
            .formatted(dir.resolve("warehouse")));

    Result validate = driftway("validate", pipeline.toString());
    assertThat(validate.code()).as(validate.err()).isZero();
    assertThat(validate.out())
        .contains("OK: pipeline archive: no streaming source (backfills only), format json");

    Result run = driftway("run", pipeline.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo(
            "Cannot run pipeline: it has no streaming source, so it only takes backfills (driftway"
                + " backfill <pipeline.yaml> --source ...); add a kafka or kinesis item under"
                + " sources to run it: archive");

    Result backfill =
        driftway("backfill", "--pipeline", pipeline.toString(), "--source", "file:" + in);
    assertThat(backfill.code()).as(backfill.err()).isZero();
    assertThat(backfill.out()).contains("SUCCEEDED");

    Catalog catalog = Catalogs.loader(PipelineSpecLoader.load(pipeline)).loadCatalog();
    List<Record> rows = PipelineHarness.rows(catalog, TableIdentifier.of("archive", "events"));
    assertThat(PipelineHarness.ids(rows)).containsExactlyInAnyOrder(1L, 2L, 3L);
    List<Record> refused =
        PipelineHarness.rows(catalog, TableIdentifier.of("archive", "events_quarantine"));
    assertThat(refused).hasSize(1);
    assertThat((String) refused.get(0).getField("reason"))
        .endsWith(": file:" + in.resolve("a.json") + ":4")
        .doesNotContain("file:file:");
  }

  private static Result driftway(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Driftway.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
