package io.driftway.connectors.tracking;

import java.io.Serializable;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Hears, at each checkpoint of a tracking subtask, which tables the rows it handed on since the
 * previous checkpoint went to, and since when it holds records for a schema settle (their rows go
 * into a later checkpoint's commit). A bounded run's bookmarks need both: Iceberg's committer
 * commits a checkpoint table by table, so a run that dies between two tables' commits leaves a
 * checkpoint that some tables hold and others do not, and only the tables that took the rows of the
 * records read by a checkpoint can say whether those records are written.
 *
 * <p>Called on the subtask's task thread, inside its snapshot, so before the checkpoint can
 * complete and commit; an exception fails the checkpoint.
 *
 * <pre>{@code
 * TrackAndConform.settlingOperator(settings, catalog, "main", (job, checkpoint, subtask, tables,
 *     heldSince) -> log.writeTables(runId, job, checkpoint, subtask, tables, heldSince));
 * }</pre>
 */
@FunctionalInterface
public interface CheckpointTables extends Serializable {

  /**
   * Subtask {@code subtask} of Flink job {@code jobId} (hex) took its snapshot for checkpoint
   * {@code checkpointId}.
   *
   * @param tables the tables ({@code database.table}) it handed rows for since its previous
   *     snapshot, each with the oldest checkpoint by which the records behind those rows were read
   *     (at most {@code checkpointId}; older for records that waited for a settle)
   * @param heldSince the oldest checkpoint by which records it still holds for a settle were read;
   *     empty when it holds none
   */
  void snapshot(
      String jobId,
      long checkpointId,
      int subtask,
      Map<String, Long> tables,
      OptionalLong heldSince);
}
