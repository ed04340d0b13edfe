package io.driftway.connectors.kinesis;

/**
 * How shards are read.
 *
 * <pre>{@code
 * KinesisSource.<KinesisRecord>builder().readMode(KinesisReadMode.POLLING)
 * }</pre>
 */
public enum KinesisReadMode {
  /**
   * {@code GetRecords} calls per shard; shares the shard's 2 MB/s read limit with other readers.
   */
  POLLING,
  /**
   * Enhanced fan-out ({@code SubscribeToShard}, a dedicated 2 MB/s per consumer). Declared so a
   * pipeline can ask for it, but this build cannot read with it: {@link
   * KinesisSourceBuilder#build()} refuses it with a clear message.
   */
  ENHANCED_FAN_OUT
}
