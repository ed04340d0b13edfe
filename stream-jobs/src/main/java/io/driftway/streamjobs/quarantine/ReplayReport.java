package io.driftway.streamjobs.quarantine;

import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.streamjobs.backfill.BackfillSummary;
import java.util.Map;

/**
 * What a replay prints: how many selected rows went where. Figures come from the replay's own
 * snapshots (rows written, rescued, quarantined again) and from its plan (rows skipped because an
 * earlier replay sent them, rows rejected).
 *
 * <pre>{@code
 * System.out.print(ReplayReport.describe(summary, inventory, selection));
 * }</pre>
 */
public final class ReplayReport {

  private ReplayReport() {}

  /**
   * The summary of replay {@code summary}; {@code before} is the inventory read just before it ran.
   */
  public static String describe(
      BackfillSummary summary, Replays.Inventory before, QuarantineSelection selection) {
    StringBuilder out = new StringBuilder();
    Map<ReplayLedger.State, Long> states = before.byState();
    out.append(
        String.format(
            "Replay %s of %s %s in %.1f s (%s)%n",
            summary.runId(),
            QuarantineTable.idFor(before.target()),
            summary.state(),
            summary.elapsed().toMillis() / 1000.0,
            summary.jobId().equals("-")
                ? "nothing pending, no Flink job"
                : "Flink job " + summary.jobId()));
    summary.error().ifPresent(e -> out.append("  ").append(e).append(System.lineSeparator()));
    out.append(
        String.format(
            "  selected:                   %,d rows (%s)%n",
            before.entries().size(), selection.describe()));
    out.append(
        String.format(
            "  sent through the pipeline:  %,d rows%n",
            summary.rowsWritten() + summary.quarantined()));
    out.append(
        String.format(
            "  written to tables:          %,d rows (%,d with rescued data)%n",
            summary.rowsWritten(), summary.rescued()));
    out.append(String.format("  quarantined again:          %,d rows%n", summary.quarantined()));
    out.append(String.format("  skipped, already replayed:  %,d rows%n", summary.skippedRecords()));
    long rejected = states.getOrDefault(ReplayLedger.State.REJECTED, 0L);
    if (rejected > 0) {
      out.append(String.format("  skipped, rejected:          %,d rows%n", rejected));
    }
    for (BackfillSummary.TableSummary t : summary.tables()) {
      if (t.rows() + t.quarantined() + t.schemaChanges() == 0) {
        continue;
      }
      out.append(
          String.format(
              "  %-28s %,d rows written, %,d rescued, %,d quarantined, %d schema changes%n",
              t.table(), t.rows(), t.rescued(), t.quarantined(), t.schemaChanges()));
    }
    return out.toString();
  }
}
