package io.driftway.connectors.kinesis.split;

import java.util.Objects;

/**
 * The mutable progress of one split inside a source reader: the sequence number of the last record
 * handed downstream. Called only from the reader's task (mailbox) thread, which is also the thread
 * that snapshots it, so a checkpoint always sees a position between two emitted records.
 *
 * <pre>{@code
 * state.recordEmitted(record.sequenceNumber());
 * KinesisShardSplit checkpointed = state.toSplit(); // resumes right after that record
 * }</pre>
 */
public final class KinesisShardSplitState {

  private final KinesisShardSplit split;
  private String lastEmittedSequenceNumber;
  private boolean reachedShardEnd;

  public KinesisShardSplitState(KinesisShardSplit split) {
    this.split = Objects.requireNonNull(split, "split");
  }

  /** Records that the record with {@code sequenceNumber} was emitted. */
  public void recordEmitted(String sequenceNumber) {
    lastEmittedSequenceNumber = sequenceNumber;
  }

  /** Records that the shard is closed and everything in it was emitted. */
  public void markShardEnd() {
    reachedShardEnd = true;
  }

  /** The split to checkpoint: resuming right after the last emitted record, if any. */
  public KinesisShardSplit toSplit() {
    return lastEmittedSequenceNumber == null
        ? split
        : split.withPosition(ShardPosition.afterSequenceNumber(lastEmittedSequenceNumber));
  }

  /**
   * The tombstone of this split once the reader stopped reading it: a shard end if the closed shard
   * was read to its end, a stop position otherwise.
   */
  public KinesisShardSplit toFinishedSplit() {
    return toSplit()
        .finished(reachedShardEnd ? FinishReason.SHARD_END : FinishReason.STOP_POSITION);
  }

  public String splitId() {
    return split.splitId();
  }

  public String shardId() {
    return split.shardId();
  }

  public String stream() {
    return split.stream();
  }
}
