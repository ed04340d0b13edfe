package org.apache.iceberg.parquet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.hadoop.HadoopOutputFile;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFile;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.schema.MessageType;

/**
 * Builds a Parquet data-file writer with the table's write properties read as {@link
 * Parquet.WriteBuilder} reads them, and two things changed: the {@link ValuesWriterFactory} that
 * makes each column's values writer, and the writer itself, {@link BatchingParquetWriter}, which
 * hands the value writer its rows in batches (Iceberg's {@link ParquetWriter} hands them over one
 * by one, and its row-group size check follows each).
 *
 * <p>This class lives in Iceberg's package because the parsing of the table properties ({@code
 * Parquet.WriteBuilder.Context}), Iceberg's codec factory and its footer metrics are
 * package-private, and Iceberg's builder has no way to pass a values writer factory or to batch
 * rows. As with {@code org.apache.iceberg.formats.FormatModelOverride}, that needs Iceberg and this
 * class in one class loader. It covers the settings of an unencrypted data file without per-column
 * bloom filter or statistics settings and without variant shredding; {@link #supports} says whether
 * a file's settings are among them, and the caller uses Iceberg's builder for the others.
 *
 * <pre>{@code
 * if (ParquetWriterOverride.supports(properties)) {
 *   FileAppender<RowData> appender = ParquetWriterOverride.dataWriter(
 *       file, schema, properties, metadata, metricsConfig, true, writers, new MyValuesWriters());
 * }
 * }</pre>
 */
public final class ParquetWriterOverride {

  /**
   * The table property that sets how many rows a data file's value writer gets at once ({@link
   * BatchingParquetWriter}); 1 writes row by row, as Iceberg's writer does.
   */
  public static final String BATCH_ROWS = "driftway.parquet.batch-rows";

  /**
   * Rows per batch by default: written this way, 1 KB rows of 55 columns took 5-6% less time than
   * row by row, with no measurable difference between 16 and 256 (load-tests/README.md).
   */
  public static final int DEFAULT_BATCH_ROWS = 64;

  private static final String FILE_SCHEMA_NAME = "table";

  private ParquetWriterOverride() {}

  /**
   * Whether {@link #dataWriter} writes a file with these write properties as Iceberg's builder
   * would: false with per-column bloom filters or statistics settings, or variant shredding.
   */
  public static boolean supports(Map<String, String> properties) {
    Parquet.WriteBuilder.Context context = Parquet.WriteBuilder.Context.dataContext(properties);
    return context.columnBloomFilterEnabled().isEmpty()
        && context.columnBloomFilterFpp().isEmpty()
        && context.columnBloomFilterNdv().isEmpty()
        && context.columnStatsEnabled().isEmpty()
        && !Boolean.parseBoolean(properties.get(TableProperties.PARQUET_SHRED_VARIANTS));
  }

  /**
   * A writer of an unencrypted Parquet data file of {@code schema} at {@code file}, set up from
   * {@code properties} (the table's write properties) as Iceberg's builder sets it up, whose
   * columns' values writers come from {@code values}.
   *
   * @param metadata key-value metadata for the footer (the Iceberg schema is added to it)
   * @param overwrite whether to replace an existing file
   * @param writers the value writer of the file, given the schema and the file's Parquet schema
   */
  public static <D> FileAppender<D> dataWriter(
      OutputFile file,
      Schema schema,
      Map<String, String> properties,
      Map<String, String> metadata,
      MetricsConfig metricsConfig,
      boolean overwrite,
      BiFunction<Schema, MessageType, ParquetValueWriter<?>> writers,
      ValuesWriterFactory values) {
    Map<String, String> config = new LinkedHashMap<>(properties);
    Parquet.WriteBuilder.Context context = Parquet.WriteBuilder.Context.dataContext(config);
    putCompressionLevel(context, config);
    config.put("parquet.avro.write-old-list-structure", "false");

    Configuration conf =
        file instanceof HadoopOutputFile hadoop
            ? new Configuration(hadoop.getConf())
            : new Configuration();
    config.forEach(conf::set);

    Map<String, String> footer = new LinkedHashMap<>(metadata);
    footer.put("iceberg.schema", SchemaParser.toJson(schema));

    ParquetProperties parquetProperties =
        ParquetProperties.builder()
            .withWriterVersion(context.writerVersion())
            .withPageSize(context.pageSize())
            .withPageRowCountLimit(context.pageRowLimit())
            .withDictionaryEncoding(context.dictionaryEnabled())
            .withDictionaryPageSize(context.dictionaryPageSize())
            .withMinRowCountForPageSizeCheck(context.rowGroupCheckMinRecordCount())
            .withMaxRowCountForPageSizeCheck(context.rowGroupCheckMaxRecordCount())
            .withMaxBloomFilterBytes(context.bloomFilterMaxBytes())
            .withValuesWriterFactory(values)
            .build();
    return new BatchingParquetWriter<>(
        conf,
        file,
        schema,
        ParquetSchemaUtil.convert(schema, FILE_SCHEMA_NAME),
        context.rowGroupSize(),
        footer,
        writers,
        context.codec(),
        parquetProperties,
        metricsConfig,
        overwrite ? ParquetFileWriter.Mode.OVERWRITE : ParquetFileWriter.Mode.CREATE,
        batchRows(properties));
  }

  /** {@link #BATCH_ROWS} of {@code properties}, or its default. */
  static int batchRows(Map<String, String> properties) {
    String value = properties.get(BATCH_ROWS);
    if (value == null) {
      return DEFAULT_BATCH_ROWS;
    }
    try {
      int rows = Integer.parseInt(value.trim());
      if (rows >= 1) {
        return rows;
      }
    } catch (NumberFormatException e) {
      // Reported below, with the key.
    }
    throw new IllegalArgumentException(
        "Cannot write Parquet file: "
            + BATCH_ROWS
            + " must be a whole number of rows, at least 1: "
            + value);
  }

  /** The codec's compression level, under the Hadoop keys its codec reads, as Iceberg sets it. */
  private static void putCompressionLevel(
      Parquet.WriteBuilder.Context context, Map<String, String> config) {
    String level = context.compressionLevel();
    if (level == null) {
      return;
    }
    switch (context.codec()) {
      case GZIP -> config.put("zlib.compress.level", level);
      case BROTLI -> config.put("compression.brotli.quality", level);
      case ZSTD -> {
        config.put("io.compression.codec.zstd.level", level);
        config.put("parquet.compression.codec.zstd.level", level);
      }
      default -> {
        // Iceberg ignores a level for the other codecs too.
      }
    }
  }
}
