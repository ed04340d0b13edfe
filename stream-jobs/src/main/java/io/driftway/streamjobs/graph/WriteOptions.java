package io.driftway.streamjobs.graph;

import io.driftway.connectors.tracking.CheckpointTables;
import io.driftway.streamjobs.spec.PipelineSpec;
import java.util.Map;
import java.util.Objects;

/**
 * How the shared tail of a job ({@link PipelineJob#write}) writes: the Iceberg branch, static
 * properties stamped on every snapshot the job commits, and the prefix of the operators' uids.
 *
 * <pre>{@code
 * WriteOptions options =
 *     WriteOptions.streaming(spec)
 *         .withBranch("backfill-2026-11")
 *         .withSnapshotProperties(Map.of("driftway.backfill.run-id", runId))
 *         .withUidPrefix(spec.name() + "-backfill");
 * }</pre>
 *
 * @param branch the branch every row is written to ({@code main} for the streaming job)
 * @param snapshotProperties added to the summary of every snapshot the job commits
 * @param uidPrefix prefix of the operators' uids, so savepoints of different jobs never mix
 * @param fileRecords records come from data files and carry their own encoding (JSON, CSV, Avro,
 *     Parquet, with Hive partition values): decode each by it, not by the pipeline's format
 * @param sourceRanges record the source ranges read (the audit's input); off for a quarantine
 *     replay, whose records keep the coordinates an earlier job already recorded
 * @param checkpointTables hears which tables took rows at each checkpoint (a backfill's bookmarks);
 *     null when nobody needs it
 */
public record WriteOptions(
    String branch,
    Map<String, String> snapshotProperties,
    String uidPrefix,
    boolean fileRecords,
    boolean sourceRanges,
    CheckpointTables checkpointTables) {

  /** The branch a pipeline writes unless told otherwise. */
  public static final String MAIN = "main";

  public WriteOptions {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(uidPrefix, "uidPrefix");
    if (branch.isBlank()) {
      throw new IllegalArgumentException(
          "Cannot write: the branch name is empty: '" + branch + "'");
    }
    snapshotProperties = Map.copyOf(snapshotProperties);
  }

  /** The streaming job's options: branch {@code main}, no extra properties, the pipeline's uids. */
  public static WriteOptions streaming(PipelineSpec spec) {
    return new WriteOptions(MAIN, Map.of(), spec.name(), false, true, null);
  }

  public WriteOptions withBranch(String newBranch) {
    return new WriteOptions(
        newBranch, snapshotProperties, uidPrefix, fileRecords, sourceRanges, checkpointTables);
  }

  public WriteOptions withSnapshotProperties(Map<String, String> properties) {
    return new WriteOptions(
        branch, properties, uidPrefix, fileRecords, sourceRanges, checkpointTables);
  }

  public WriteOptions withUidPrefix(String prefix) {
    return new WriteOptions(
        branch, snapshotProperties, prefix, fileRecords, sourceRanges, checkpointTables);
  }

  /** Records from data files, each decoded by the encoding it carries. */
  public WriteOptions withFileRecords(boolean value) {
    return new WriteOptions(
        branch, snapshotProperties, uidPrefix, value, sourceRanges, checkpointTables);
  }

  /** Who hears, at each checkpoint, which tables took rows; null for nobody. */
  public WriteOptions withCheckpointTables(CheckpointTables listener) {
    return new WriteOptions(
        branch, snapshotProperties, uidPrefix, fileRecords, sourceRanges, listener);
  }

  /** Whether to record the source ranges read; a quarantine replay does not. */
  public WriteOptions withSourceRanges(boolean value) {
    return new WriteOptions(
        branch, snapshotProperties, uidPrefix, fileRecords, value, checkpointTables);
  }
}
