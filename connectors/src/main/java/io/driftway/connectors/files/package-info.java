/**
 * Bounded reading of data files on S3 or a local folder: listing ({@link
 * io.driftway.connectors.files.DataFiles}), one file's records ({@link
 * io.driftway.connectors.files.FileRecords}) in JSON lines, CSV, Avro or Parquet, Hive-style
 * partition values, and the Flink source built on them ({@code source/}).
 */
package io.driftway.connectors.files;
