/**
 * Flink-facing I/O: Kafka and Kinesis sources, S3 file sources, formats and the schema registry,
 * the Iceberg sink, quarantine and alerts. The schema logic itself lives in {@code
 * io.driftway.schemaevolution}; this module adapts it to Flink.
 */
package io.driftway.connectors;
