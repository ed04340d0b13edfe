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
 * <p><b>Wiring.</b> {@link io.driftway.connectors.columnar.ColumnarWritePath#install} makes it the
 * value writer of every Parquet file Iceberg writes for Flink {@code RowData}: since 1.11,
 * Iceberg's Flink file writers ({@code FlinkFileWriterFactory}, under the dynamic sink's {@code
 * DynamicWriter}) take their value writers from Iceberg's {@code FormatModelRegistry}, and the
 * model installed for (Parquet, {@code RowData}) builds a {@code MixedRowDataWriter}: a row that is
 * a {@code RowDataAdapter} view (the fast path's rows, which reach the writer as tracking made
 * them: same schema, so the sink's converter is the identity, and chained, so no serializer copy)
 * goes through {@code RowParquetWriter}; any other {@code RowData} (a row the sink converted to the
 * table's schema, quarantine rows built by hand) through Iceberg's Flink writer, into the same
 * column store, so one file takes both. The sink itself is Iceberg's, untouched: its writer's
 * rolling and partitioning, its {@code DataFile}s and metrics, its aggregator and committer with
 * their checkpoint-id dedup, its operators and their uids (a savepoint of either write path
 * restores on the other). The pipeline's {@code PassThrough} generator installs it in its {@code
 * open}, ahead of the chained writer's first file, when {@code sink.write-path} is {@code
 * columnar}.
 *
 * <p><b>Dictionaries in runs.</b> With the values handed over this directly, what is left of the
 * write in wide tables is Parquet's per-value work, and most of it is the dictionary lookup: a row
 * visits each column's hash table once, so with a hundred columns every lookup misses the cache.
 * {@link io.driftway.connectors.columnar.BatchedDictionaries} keeps a run of values per {@code
 * long} or {@code binary} column and looks the run up in one go before Parquet reads anything of
 * the column, so the file is the one Parquet's default writers write (same dictionaries, pages and
 * fallbacks). A {@code binary} column's dictionary is {@link
 * io.driftway.connectors.columnar.BinaryDictionary}: Parquet's keys a hash map by {@code Binary}
 * objects, hashed and compared byte by byte; it keeps the entries in one array, hashed and compared
 * eight bytes at a time, and writes the same pages. Iceberg's builder takes no values writer
 * factory, so {@link io.driftway.connectors.columnar.ColumnarParquetModel} builds Iceberg's own
 * {@code ParquetWriter} through {@code org.apache.iceberg.parquet.ParquetWriterOverride} (table
 * properties read by Iceberg's own parser) for unencrypted data files without per-column bloom
 * filter or statistics settings or variant shredding, and leaves every other file to Iceberg's
 * builder.
 *
 * <p><b>Rows in batches.</b> Runs take the dictionary lookups out of the row loop, but a row still
 * visits every column's other state (the fallback check, the level encoders, the statistics) once.
 * {@code org.apache.iceberg.parquet.BatchingParquetWriter}, which that override builds in place of
 * Iceberg's {@code ParquetWriter}, keeps 64 rows ({@code driftway.parquet.batch-rows}) and hands
 * them to {@link io.driftway.connectors.columnar.MixedRowDataWriter} at once, which writes each
 * top-level column for all of them before the next ({@code RowParquetWriter.writeRows}). Only views
 * wait for a batch: any other row is written at once, after the rows kept before it, since it may
 * be a reader's reused row (Iceberg's Flink reader hands one object over and over when a
 * maintenance rewrite copies a table's rows through this same registry). Each column's values,
 * levels and order are the ones row by row gives; pages and row groups are cut after a batch, so
 * the files hold the same rows and metrics as Iceberg's writer's with other page and row-group
 * boundaries ({@code ColumnarParquetFilesTest}). Iceberg's writer checks a row group's size after
 * every row, which is why it cannot take rows it has not written yet: its own footer, metrics and
 * codec factory are used as they are.
 *
 * <p>Why not a writer of our own in Iceberg's sink package (a {@code DynamicIcebergSink} subclass
 * whose {@code createWriter} replaces {@code DynamicWriter}): it would copy {@code DynamicWriter}
 * (its writer cache, target sizes, metrics, {@code DynamicWriteResult}s) and the builder's
 * topology, and track both across Iceberg releases, where the registry swap replaces one value
 * writer and leaves everything else Iceberg's. Both need a split package: the registry keeps its
 * map package-private and {@code register} refuses a second model for (Parquet, {@code RowData}),
 * hence {@code org.apache.iceberg.formats.FormatModelOverride} (and {@code
 * org.apache.iceberg.parquet.ParquetWriterOverride} for the writer's constructor). That works while
 * Iceberg and Driftway share a class loader ({@code driftway run}, the job jar in the {@code
 * driftway-flink} image's {@code usrlib/}, a session cluster that gets Iceberg uploaded with the
 * job); when Iceberg sits in Flink's {@code lib/} the swap fails with an {@code
 * IllegalAccessError}, {@code install} logs one INFO line and every row goes through Iceberg's
 * Flink writer as before. The registry is one per class loader, so the choice holds for every
 * pipeline of a JVM ({@code driftway run} runs one).
 */
package io.driftway.connectors.columnar;
