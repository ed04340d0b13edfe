package org.apache.iceberg.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFile;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.crypto.InternalFileEncryptor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet data-file writer that hands its value writer rows in batches: up to {@code batchRows}
 * rows are kept, then written column by column ({@link BatchingValueWriter#writeRows}) and ended in
 * the column store one by one. Row groups, pages, the footer and the file's {@link Metrics} are
 * Parquet's and Iceberg's as in Iceberg's own {@link ParquetWriter} (Iceberg's codec factory, its
 * footer metrics, its row-group size check); only the row-group and page size checks now come after
 * a batch, so a page or row group holds up to one batch more than its size threshold would cut, and
 * a row group is only ever cut between batches. Page row counts stay exact: Parquet counts a page's
 * rows from the values it holds.
 *
 * <p>Kept rows are written before anything reads the file's size for a row group or the file's end:
 * at each full batch and at {@link #close}. {@link #length} counts written rows only (a batch is at
 * most {@code batchRows} rows, which Iceberg's rolling to a target file size can miss).
 *
 * <p>Only rows the value writer {@link BatchingValueWriter#keeps keeps} wait for a batch; any other
 * row is written at once, after the rows kept before it. A value writer that is not a {@link
 * BatchingValueWriter} gets every row one by one, as in Iceberg's writer.
 */
final class BatchingParquetWriter<T> implements FileAppender<T> {

  private static final Metrics NO_ROWS = new Metrics(0L, null, null, null, null);
  private static final String COLUMN_INDEX_TRUNCATE_LENGTH = "parquet.columnindex.truncate.length";
  private static final int DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH = 64;

  private final OutputFile output;
  private final Configuration conf;
  private final Schema schema;
  private final MessageType fileSchema;
  private final long targetRowGroupSize;
  private final Map<String, String> footer;
  private final ParquetProperties props;
  private final CompressionCodecFactory.BytesInputCompressor compressor;
  private final MetricsConfig metricsConfig;
  private final ParquetFileWriter.Mode mode;
  private final int columnIndexTruncateLength;
  private final ParquetValueWriter<T> model;
  private final BatchingValueWriter<T> batching;
  private final int batchRows;
  private final List<T> kept;

  private ParquetFileWriter writer;
  private ColumnChunkPageWriteStore pageStore;
  private ColumnWriteStore columnStore;
  private int rowGroupOrdinal;
  private long rowGroupRows;
  private long nextSizeCheck;
  private boolean closed;

  @SuppressWarnings("unchecked")
  BatchingParquetWriter(
      Configuration conf,
      OutputFile output,
      Schema schema,
      MessageType fileSchema,
      long targetRowGroupSize,
      Map<String, String> footer,
      BiFunction<Schema, MessageType, ParquetValueWriter<?>> writers,
      CompressionCodecName codec,
      ParquetProperties props,
      MetricsConfig metricsConfig,
      ParquetFileWriter.Mode mode,
      int batchRows) {
    if (batchRows < 1) {
      throw new IllegalArgumentException(
          "Cannot write Parquet file: rows per batch must be at least 1: " + batchRows);
    }
    this.output = output;
    this.conf = conf;
    this.schema = schema;
    this.fileSchema = fileSchema;
    this.targetRowGroupSize = targetRowGroupSize;
    this.footer = Map.copyOf(footer);
    this.props = props;
    this.compressor =
        new ParquetCodecFactory(conf, props.getPageSizeThreshold()).getCompressor(codec);
    this.metricsConfig = metricsConfig;
    this.mode = mode;
    this.columnIndexTruncateLength =
        conf.getInt(COLUMN_INDEX_TRUNCATE_LENGTH, DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH);
    this.model = (ParquetValueWriter<T>) writers.apply(schema, fileSchema);
    this.batching =
        model instanceof BatchingValueWriter<?> rows && batchRows > 1
            ? (BatchingValueWriter<T>) rows
            : null;
    this.batchRows = batching == null ? 1 : batchRows;
    this.kept = new ArrayList<>(this.batchRows);
    startRowGroup();
  }

  @Override
  public void add(T row) {
    if (batching != null && batching.keeps(row)) {
      kept.add(row);
      if (kept.size() == batchRows) {
        writeKept();
      }
      return;
    }
    // A row that may change once handed over (a reader's reused row) is written now, after the
    // rows kept before it.
    if (batching != null) {
      writeKept();
    }
    model.write(0, row);
    endRows(1);
  }

  private void writeKept() {
    int rows = kept.size();
    if (rows == 0) {
      return;
    }
    batching.writeRows(kept);
    kept.clear();
    endRows(rows);
  }

  /** Ends {@code rows} rows whose values are written, then checks the row group's size. */
  private void endRows(int rows) {
    for (int i = 0; i < rows; i++) {
      columnStore.endRecord();
    }
    rowGroupRows += rows;
    if (rowGroupRows >= nextSizeCheck) {
      checkRowGroupSize();
    }
  }

  /**
   * Cuts the row group when its buffered size leaves no room for two more rows of its average size;
   * otherwise checks again after half the rows that would fill it, within Parquet's check bounds.
   */
  private void checkRowGroupSize() {
    long buffered = columnStore.getBufferedSize();
    double perRow = (double) buffered / rowGroupRows;
    if (buffered > targetRowGroupSize - 2 * perRow) {
      flushRowGroup(false);
      return;
    }
    long rowsLeft = (long) ((targetRowGroupSize - buffered) / perRow);
    nextSizeCheck = rowGroupRows + checkEvery(rowsLeft / 2);
  }

  private long checkEvery(long rows) {
    return Math.min(
        Math.max(rows, props.getMinRowCountForPageSizeCheck()),
        props.getMaxRowCountForPageSizeCheck());
  }

  private void startRowGroup() {
    nextSizeCheck = checkEvery(rowGroupRows / 2);
    rowGroupRows = 0;
    pageStore =
        new ColumnChunkPageWriteStore(
            compressor,
            fileSchema,
            props.getAllocator(),
            columnIndexTruncateLength,
            true,
            (InternalFileEncryptor) null,
            rowGroupOrdinal++);
    columnStore = props.newColumnWriteStore(fileSchema, pageStore, pageStore);
    model.setColumnStore(columnStore);
  }

  private void flushRowGroup(boolean last) {
    if (rowGroupRows == 0) {
      return;
    }
    try {
      openFile();
      writer.startBlock(rowGroupRows);
      columnStore.flush();
      pageStore.flushToFileWriter(writer);
      writer.endBlock();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Parquet row group: " + output.location(), e);
    }
    if (!last) {
      columnStore.close();
      startRowGroup();
    }
  }

  /** Opens the file at its first row group, as Iceberg's writer does: no rows, no file. */
  private void openFile() throws IOException {
    if (writer != null) {
      return;
    }
    writer =
        new ParquetFileWriter(
            ParquetIO.file(output, conf),
            fileSchema,
            mode,
            targetRowGroupSize,
            0,
            columnIndexTruncateLength,
            Integer.MAX_VALUE,
            true,
            (InternalFileEncryptor) null);
    writer.start();
  }

  @Override
  public Metrics metrics() {
    if (!closed) {
      throw new IllegalStateException(
          "Cannot return metrics of Parquet file: not closed: " + output.location());
    }
    if (writer == null) {
      return NO_ROWS;
    }
    return ParquetMetrics.metrics(
        schema, fileSchema, metricsConfig, writer.getFooter(), model.metrics());
  }

  @Override
  public long length() {
    try {
      long length = writer == null ? 0 : writer.getPos();
      if (!closed && rowGroupRows > 0) {
        length += columnStore.getBufferedSize();
      }
      return length;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Parquet file length: " + output.location(), e);
    }
  }

  @Override
  public List<Long> splitOffsets() {
    return writer == null ? null : ParquetUtil.getSplitOffsets(writer.getFooter());
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (batching != null) {
      writeKept();
    }
    flushRowGroup(true);
    columnStore.close();
    if (writer != null) {
      writer.end(footer);
    }
    compressor.release();
  }
}
