/**
 * The TaskManager side of the Kinesis source: one fetcher thread per reader polls its shards with
 * {@code GetRecords}, and the task thread emits the records and tracks each shard's last emitted
 * sequence number for checkpoints.
 */
package io.driftway.connectors.kinesis.reader;
