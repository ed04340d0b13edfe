/**
 * What a Kinesis source checkpoints: one split per shard ({@link
 * io.driftway.connectors.kinesis.split.KinesisShardSplit}), where to resume reading it ({@link
 * io.driftway.connectors.kinesis.split.ShardPosition}), and how a finished shard is reported to the
 * enumerator ({@link io.driftway.connectors.kinesis.split.FinishedShardsEvent}).
 *
 * <p>Everything here is internal to {@link io.driftway.connectors.kinesis.KinesisSource}; it is
 * public only because Flink's enumerator and reader live in sibling packages.
 */
package io.driftway.connectors.kinesis.split;
