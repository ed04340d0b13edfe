package io.driftway.streamjobs.cli;

import io.driftway.streamjobs.backfill.BackfillRunner;
import io.driftway.streamjobs.backfill.BackfillSpec;
import io.driftway.streamjobs.backfill.BackfillSummary;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.quarantine.QuarantineSelection;
import io.driftway.streamjobs.quarantine.ReplayReport;
import io.driftway.streamjobs.quarantine.Replays;
import io.driftway.streamjobs.spec.PipelineSpec;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * One replay as the commands run it ({@code quarantine replay}, {@code schema approve}, {@code
 * schema reject --rescue}): the backfill of {@code quarantine://db.table}, with progress on stderr
 * and the replay summary on stdout.
 */
final class ReplayRun {

  /** What a replay did, and the text printed for it. */
  record Result(BackfillSummary summary, String report) {}

  private ReplayRun() {}

  static Result run(
      PrintWriter err,
      PipelineSpec pipeline,
      TableIdentifier target,
      QuarantineSelection selection,
      String runId,
      URI flink)
      throws Exception {
    BackfillSpec spec =
        BackfillSpec.builder(Replays.source(target)).quarantine(selection).runId(runId).build();
    Replays.Inventory before;
    Catalog catalog = Catalogs.loader(pipeline).loadCatalog();
    try {
      before = Replays.inventory(pipeline, catalog, target, selection);
    } finally {
      if (catalog instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
    BackfillCommand.ProgressLine line =
        new BackfillCommand.ProgressLine(err, BackfillCommand.stderrIsTerminal());
    BackfillRunner.Builder runner =
        BackfillRunner.builder(pipeline, spec)
            .progress(line::show, Duration.ofMillis(line.interactive ? 500 : 5_000));
    if (flink != null) {
      runner.flink(flink).jars(SubmitCommand.jobJars());
    }
    err.printf(
        "Replay %s: %d of %d selected rows of %s pending%s%n",
        spec.runId(),
        before.pending().size(),
        before.entries().size(),
        Replays.source(target),
        flink == null ? " (embedded Flink)" : " on " + flink);
    err.flush();
    BackfillSummary summary;
    try {
      summary = runner.build().run();
    } finally {
      line.done();
    }
    return new Result(summary, ReplayReport.describe(summary, before, selection));
  }
}
