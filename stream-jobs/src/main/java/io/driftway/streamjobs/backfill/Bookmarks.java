package io.driftway.streamjobs.backfill;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Decides which bookmarked progress is committed. Iceberg's Flink committer writes {@code
 * flink.job-id = J} and {@code flink.max-committed-checkpoint-id = n} into each snapshot it
 * commits, atomically with the data, but it commits a checkpoint table by table: a run killed
 * between two tables' commits leaves checkpoint {@code n} in some tables and not in others (a
 * commit retrying after a conflict with the streaming job makes that window wide). So beside each
 * checkpoint's progress file the tracking subtask records which tables its rows went to, each with
 * the oldest checkpoint by which the records behind them were read, and since when it holds records
 * for a schema settle ({@link TablesBookmarkWriter}). Subtask {@code s}'s progress at checkpoint
 * {@code n} counts iff at some snapshot {@code m >= n} it held nothing read by {@code n}, and every
 * table that took rows of records read by {@code n} at a snapshot up to {@code m} holds that
 * snapshot's checkpoint in main's history (a branch run counts once published). Logs written before
 * the tables files existed keep the earlier rule: a checkpoint counts once any of the tables holds
 * it.
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
    // Which tables each subtask's rows went to, by job, subtask and checkpoint.
    Map<String, Map<Integer, NavigableMap<Long, BookmarkLog.Tables>>> rowsWent = new HashMap<>();
    Set<TableIdentifier> confirming = new LinkedHashSet<>(tables);
    for (BookmarkLog.Entry entry : entries) {
      if (entry.kind() == BookmarkLog.Kind.TABLES) {
        BookmarkLog.Tables went = log.readTables(entry);
        rowsWent
            .computeIfAbsent(entry.jobId(), job -> new HashMap<>())
            .computeIfAbsent(entry.subtask(), subtask -> new TreeMap<>())
            .put(entry.checkpoint(), went);
        went.tables().keySet().forEach(table -> confirming.add(TableIdentifier.parse(table)));
      }
    }
    Map<String, Map<String, Long>> onMain = committedCheckpoints(catalog, confirming, true);
    Map<String, Map<String, Long>> anywhere =
        branchRun == null ? onMain : committedCheckpoints(catalog, confirming, false);
    // Every confirmed checkpoint file counts: stream trackers write what they read so far, the
    // file source writes what finished since the last checkpoint; merging by the larger position
    // is right for both.
    Progress progress = Progress.empty();
    Set<String> runs = new HashSet<>();
    List<BookmarkLog.Entry> used = new java.util.ArrayList<>();
    for (BookmarkLog.Entry entry : entries) {
      if (entry.kind() == BookmarkLog.Kind.TABLES) {
        continue;
      }
      if (!entry.committed()) {
        Map<String, Long> byTable =
            (entry.runId().equals(branchRun) ? anywhere : onMain)
                .getOrDefault(entry.jobId(), Map.of());
        Map<Integer, NavigableMap<Long, BookmarkLog.Tables>> jobWent = rowsWent.get(entry.jobId());
        boolean confirmed =
            jobWent == null
                ? newest(byTable) >= entry.checkpoint()
                : confirmed(
                    entry.checkpoint(),
                    jobWent.getOrDefault(entry.subtask(), Collections.emptyNavigableMap()),
                    byTable);
        if (!confirmed) {
          continue;
        }
      }
      progress = progress.merge(log.read(entry));
      runs.add(entry.runId());
      used.add(entry);
    }
    return new Committed(progress, List.copyOf(used), Set.copyOf(runs));
  }

  /**
   * Whether what a subtask had read by {@code checkpoint} is written: it no longer held any of
   * those records for a settle at some later snapshot, and every table that took rows of them up to
   * that snapshot holds the checkpoint those rows went with. A missing file means the subtask's
   * snapshot did not finish: not confirmed.
   */
  private static boolean confirmed(
      long checkpoint,
      NavigableMap<Long, BookmarkLog.Tables> went,
      Map<String, Long> committedByTable) {
    if (!went.containsKey(checkpoint)) {
      return false;
    }
    Long released = null;
    for (Map.Entry<Long, BookmarkLog.Tables> file : went.tailMap(checkpoint, true).entrySet()) {
      OptionalLong held = file.getValue().heldSince();
      if (held.isEmpty() || held.getAsLong() > checkpoint) {
        released = file.getKey();
        break;
      }
    }
    if (released == null) {
      return false;
    }
    for (Map.Entry<Long, BookmarkLog.Tables> file : went.headMap(released, true).entrySet()) {
      for (Map.Entry<String, Long> table : file.getValue().tables().entrySet()) {
        if (table.getValue() <= checkpoint
            && committedByTable.getOrDefault(table.getKey(), -1L) < file.getKey()) {
          return false;
        }
      }
    }
    return true;
  }

  private static long newest(Map<String, Long> committedByTable) {
    long newest = -1;
    for (long checkpoint : committedByTable.values()) {
      newest = Math.max(newest, checkpoint);
    }
    return newest;
  }

  /**
   * The newest committed checkpoint of every Flink job that wrote to {@code tables}, by job and
   * table ({@code database.table}).
   */
  static Map<String, Map<String, Long>> committedCheckpoints(
      Catalog catalog, Collection<TableIdentifier> tables, boolean mainOnly) {
    Map<String, Map<String, Long>> result = new HashMap<>();
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
          result
              .computeIfAbsent(job, j -> new HashMap<>())
              .merge(id.toString(), Long.parseLong(checkpoint), Math::max);
        }
      }
    }
    return result;
  }
}
