/**
 * A Kinesis Data Streams source for Flink 2.1 on the FLIP-27 source API, reading shards by polling
 * ({@code GetRecords}), with per-shard sequence numbers in Flink checkpoints, shard discovery that
 * follows resharding (parents are read to their end before their children), and a bounded mode for
 * backfills.
 *
 * <p>Entry point: {@link io.driftway.connectors.kinesis.KinesisSource#builder()}. The packages
 * below follow Flink's own connectors: {@code enumerator} (shard discovery and assignment, on the
 * JobManager), {@code reader} (polling and emitting, on the TaskManagers), {@code split} (what is
 * checkpointed).
 */
package io.driftway.connectors.kinesis;
