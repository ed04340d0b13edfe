package io.driftway.connectors.files;

import java.io.Serializable;
import java.util.List;

/**
 * Hears, at every checkpoint, how far each source reader got: the hook for bookmarks. Serializable,
 * travels with the job; each reader subtask has its own copy.
 *
 * <p>{@link #onCheckpoint} is <b>called from the source reader thread, inside the reader's {@code
 * snapshotState}, before the checkpoint completes</b>: what it reports is exactly what the
 * checkpoint covers, and becomes durable (committed by the sink) only when that checkpoint
 * completes. A listener that writes bookmarks should write them then, or write them tagged with the
 * checkpoint id and keep the last completed one. A checkpoint that fails loses nothing: files
 * finished since the last completed checkpoint are reported again at the next one.
 *
 * <p>A bounded job ends with a final checkpoint taken after the readers are done; its call reports
 * the last files finished, so the calls of a successful run cover every planned file.
 *
 * <pre>{@code
 * FileSource.builder().location("s3://bucket/events/").s3(access)
 *     .progressListener(new BookmarkWriter(jobName))
 *     .build();
 * }</pre>
 */
public interface ProgressListener extends Serializable {

  /**
   * Progress of this subtask at checkpoint {@code checkpointId}: every file finished since the last
   * completed checkpoint ({@link FileProgress#finished()}), and the current file of every split in
   * progress with the records emitted so far. Must not block for long: the checkpoint waits for it.
   */
  void onCheckpoint(long checkpointId, int subtask, List<FileProgress> progress);

  /** Checkpoint {@code checkpointId} completed: what was reported for it is committed. */
  default void onCheckpointComplete(long checkpointId, int subtask) {}
}
