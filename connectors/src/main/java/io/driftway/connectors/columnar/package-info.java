/**
 * The columnar write path: rows of a table schema written straight into Parquet's column writers.
 *
 * <p><b>Why.</b> The JFR profiles of the peers bench (load-tests/README.md) put about a third of
 * every system's CPU in Iceberg's Parquet writing, and Driftway's rows reach it through two layers:
 * the schema layer's {@code Row} is wrapped in a Flink {@code RowData} view ({@code
 * RowDataAdapter}), whose getters Iceberg's Flink value writers call per value (a {@code
 * StringData} per string, a {@code DecimalData} per decimal, a {@code TimestampData} per timestamp)
 * before the value reaches its {@code ColumnWriter}.
 *
 * <p><b>Design.</b> {@link io.driftway.connectors.columnar.RowParquetWriter} is an Iceberg {@code
 * ParquetValueWriter} over {@code Row}: one node per column, built once per file from the file's
 * Parquet schema (nodes matched to Iceberg fields by id, repetition and definition levels read from
 * the schema), each calling the row's typed getter and the column writer's typed {@code write}; no
 * boxing, no {@code RowData}, strings handed over as the input's own UTF-8 bytes ({@code
 * Row.getUtf8}). Everything else stays Iceberg's Parquet writer's (row groups, dictionaries,
 * compression, the footer, {@code Metrics}, the {@code DataFile} with spec and partition). The
 * values it writes are the rows path's, bit for bit: {@code time} keeps the rows path's millisecond
 * precision, and float/double NaN and null counts are reported as Iceberg's value writers report
 * them ({@code ColumnarWritePathTest} reads both paths' files back with Iceberg's generic reader
 * and compares rows and metrics).
 *
 * <p><b>Not yet wired.</b> The dynamic sink's writer ({@code DynamicWriter}), its results ({@code
 * DynamicWriteResult}, {@code TableKey}) and the topology its builder assembles are package-private
 * in Iceberg 1.11. Feeding this writer's files to the sink's committer needs either a class in
 * {@code org.apache.iceberg.flink.sink.dynamic} (a split package: it works while Iceberg and
 * Driftway share a class loader, as on {@code driftway run}'s class path, but fails with an {@code
 * IllegalAccessError} when Iceberg sits in Flink's {@code lib/} and Driftway in the user jar) or
 * Iceberg making those classes public. The writer, its property test and this note are the first
 * half; the sink half is described in the note.
 */
package io.driftway.connectors.columnar;
