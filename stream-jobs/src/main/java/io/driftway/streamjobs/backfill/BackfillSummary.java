package io.driftway.streamjobs.backfill;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a backfill run did, read back from the tables: the Iceberg snapshots this run committed
 * (their summaries carry {@link BackfillJob#RUN_ID}), the quarantine tables, and the bookmark.
 *
 * @param state SUCCEEDED, FAILED or CANCELED
 * @param error why it failed, written {@code Cannot <action>: <reason>: <value>}; empty otherwise
 * @param tables per target table, in name order
 * @param skippedRecords records of the requested range that earlier runs had committed
 * @param skippedFiles files that earlier runs had committed whole
 * @param branch the branch written, when the run wrote to one
 * @param published whether the branch was published to main
 */
public record BackfillSummary(
    String runId,
    String jobId,
    State state,
    Optional<String> error,
    List<TableSummary> tables,
    long skippedRecords,
    long skippedFiles,
    Optional<String> branch,
    boolean published,
    Duration elapsed) {

  /** How a run ended. */
  public enum State {
    SUCCEEDED,
    FAILED,
    CANCELED
  }

  public BackfillSummary {
    tables = List.copyOf(tables);
  }

  /**
   * One target table.
   *
   * @param rows rows this run wrote (snapshot summaries' {@code added-records})
   * @param rescued of those, rows with a value in the rescued-data column (file null counts)
   * @param quarantined rows this run wrote to the table's quarantine table
   * @param schemaChanges schema versions the table gained while the run went on
   * @param snapshots snapshots this run committed to the table
   */
  public record TableSummary(
      String table, long rows, long rescued, long quarantined, int schemaChanges, int snapshots) {}

  public long rowsWritten() {
    return tables.stream().mapToLong(TableSummary::rows).sum();
  }

  public long quarantined() {
    return tables.stream().mapToLong(TableSummary::quarantined).sum();
  }

  public long rescued() {
    return tables.stream().mapToLong(TableSummary::rescued).sum();
  }

  /** Quarantined records as a share of all records written by the run (0 when none). */
  public double quarantineRate() {
    long all = rowsWritten() + quarantined();
    return all == 0 ? 0 : (double) quarantined() / all;
  }

  /** A few lines for people: what a user reads at the end of {@code driftway backfill}. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Backfill %s %s in %.1f s (Flink job %s)%n",
            runId, state, elapsed.toMillis() / 1000.0, jobId));
    error.ifPresent(e -> out.append("  ").append(e).append(System.lineSeparator()));
    for (TableSummary t : tables) {
      out.append(
          String.format(
              "  %-40s %,d rows written, %,d rescued, %,d quarantined, %d schema changes%n",
              t.table(), t.rows(), t.rescued(), t.quarantined(), t.schemaChanges()));
    }
    if (tables.isEmpty()) {
      out.append("  no rows written").append(System.lineSeparator());
    }
    out.append(
        String.format(
            "  skipped by bookmark: %,d records, %,d files%n", skippedRecords, skippedFiles));
    branch.ifPresent(
        b ->
            out.append(
                String.format(
                    "  branch %s: %s%n", b, published ? "published to main" : "not published")));
    return out.toString();
  }
}
