/**
 * Shard discovery and split assignment for the Kinesis source, on the JobManager: lists the shards
 * of every stream at an interval, creates one split per new shard, and hands a child shard to a
 * reader only once all of its parents were read to their end.
 */
package io.driftway.connectors.kinesis.enumerator;
