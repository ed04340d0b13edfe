package io.driftway.streamjobs.backfill;

import io.driftway.connectors.tracking.CheckpointTables;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Hears the tracking subtasks at each checkpoint and writes which tables their rows went to beside
 * the readers' progress in the {@link BookmarkLog}, inside the snapshot, so before the checkpoint
 * can complete. {@link Bookmarks} counts a checkpoint's progress only once every one of those
 * tables holds the checkpoint: Iceberg's committer commits table by table, and a run killed between
 * two tables' commits must not pass for written in the tables it missed.
 */
final class TablesBookmarkWriter implements CheckpointTables {
  private static final long serialVersionUID = 1L;

  private final BookmarkLog log;
  private final String runId;

  TablesBookmarkWriter(BookmarkLog log, String runId) {
    this.log = log;
    this.runId = runId;
  }

  @Override
  public void snapshot(
      String jobId,
      long checkpointId,
      int subtask,
      Map<String, Long> tables,
      OptionalLong heldSince) {
    log.writeTables(runId, jobId, checkpointId, subtask, new BookmarkLog.Tables(tables, heldSince));
  }
}
