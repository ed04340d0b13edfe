package io.driftway.connectors.kinesis.split;

/**
 * Why a shard split stopped being read. The enumerator uses it to decide about the shard's
 * children.
 *
 * <pre>{@code
 * KinesisShardSplit tombstone = split.finished(FinishReason.SHARD_END);
 * }</pre>
 */
public enum FinishReason {
  /** The shard is closed and every record in it was emitted: its children may now be read. */
  SHARD_END,
  /**
   * A bounded read reached its stop position in this shard. Its children hold only later records,
   * so a bounded read skips them too.
   */
  STOP_POSITION
}
