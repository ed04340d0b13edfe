package io.driftway.streamjobs.backfill;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Decides which bookmarked progress is committed. A checkpoint file of Flink job {@code J} at
 * checkpoint {@code n} counts iff a snapshot of one of the target tables carries {@code
 * flink.job-id = J} and {@code flink.max-committed-checkpoint-id >= n} in main's history (a branch
 * run counts once published): Iceberg's Flink committer writes both into the snapshot summary
 * atomically with the data, so the table itself says what was committed, whatever happened to the
 * job afterwards.
 *
 * <p>The one window this leaves: a job routing to several tables commits a checkpoint table by
 * table; if it dies between two tables' commits and is then started as a fresh run (not resumed
 * from its retained checkpoint), the tables that missed that checkpoint miss its rows. Resuming
 * from the retained checkpoint (what {@code driftway backfill} does after a failure of the same
 * run) re-commits them.
 *
 * <pre>{@code
 * Bookmarks.Committed committed = Bookmarks.committed(log, catalog, tables);
 * committed.progress(); // merged positions of every committed checkpoint and finished run
 * }</pre>
 */
public final class Bookmarks {

  /** Summary keys of Iceberg's Flink committer. */
  static final String FLINK_JOB_ID = "flink.job-id";

  static final String MAX_COMMITTED_CHECKPOINT = "flink.max-committed-checkpoint-id";

  private Bookmarks() {}

  /** What the log holds that the tables confirm, and the files it came from. */
  public record Committed(Progress progress, List<BookmarkLog.Entry> files, Set<String> runs) {}

  /**
   * The committed progress of {@code log}, checked against the snapshots of {@code tables} (every
   * table the backfill may have written: targets and their quarantine tables).
   */
  public static Committed committed(
      BookmarkLog log, Catalog catalog, Collection<TableIdentifier> tables) {
    return committed(log, catalog, tables, null);
  }

  /**
   * As {@link #committed(BookmarkLog, Catalog, Collection)}, but the checkpoints of run {@code
   * branchRun} count on any branch: that run's branch is being published to main.
   */
  static Committed committed(
      BookmarkLog log, Catalog catalog, Collection<TableIdentifier> tables, String branchRun) {
    List<BookmarkLog.Entry> entries = log.list();
    if (entries.isEmpty()) {
      return new Committed(Progress.empty(), List.of(), Set.of());
    }
    Map<String, Long> onMain = committedCheckpoints(catalog, tables, true);
    Map<String, Long> anywhere =
        branchRun == null ? onMain : committedCheckpoints(catalog, tables, false);
    // Every confirmed checkpoint file counts: stream trackers write what they read so far, the
    // file source writes what finished since the last checkpoint; merging by the larger position
    // is right for both.
    Progress progress = Progress.empty();
    Set<String> runs = new HashSet<>();
    List<BookmarkLog.Entry> used = new java.util.ArrayList<>();
    for (BookmarkLog.Entry entry : entries) {
      if (!entry.committed()) {
        Map<String, Long> confirming = entry.runId().equals(branchRun) ? anywhere : onMain;
        if (entry.checkpoint() > confirming.getOrDefault(entry.jobId(), -1L)) {
          continue;
        }
      }
      progress = progress.merge(log.read(entry));
      runs.add(entry.runId());
      used.add(entry);
    }
    return new Committed(progress, List.copyOf(used), Set.copyOf(runs));
  }

  /** The newest committed checkpoint of every Flink job that wrote to {@code tables}. */
  static Map<String, Long> committedCheckpoints(
      Catalog catalog, Collection<TableIdentifier> tables, boolean mainOnly) {
    Map<String, Long> result = new HashMap<>();
    for (TableIdentifier id : tables) {
      Table table;
      try {
        table = catalog.loadTable(id);
      } catch (NoSuchTableException missing) {
        continue;
      }
      Snapshot head = table.currentSnapshot();
      if (mainOnly && head == null) {
        continue;
      }
      // Only main's history counts: rows on a branch that was never published are not in the
      // table a reader sees, so a later run must write them again.
      Iterable<Snapshot> history =
          mainOnly
              ? SnapshotUtil.ancestorsOf(head.snapshotId(), table::snapshot)
              : table.snapshots();
      for (Snapshot snapshot : history) {
        Map<String, String> summary = snapshot.summary();
        String job = summary.get(FLINK_JOB_ID);
        String checkpoint = summary.get(MAX_COMMITTED_CHECKPOINT);
        if (job != null && checkpoint != null) {
          result.merge(job, Long.parseLong(checkpoint), Math::max);
        }
      }
    }
    return result;
  }
}
