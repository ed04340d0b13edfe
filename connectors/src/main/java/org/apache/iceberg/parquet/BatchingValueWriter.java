package org.apache.iceberg.parquet;

import java.util.List;

/**
 * A value writer that also takes many rows at once, so it can write them column by column: every
 * value of one column for all the rows, then the next column. Each column's writer state (its
 * dictionary, encoders, statistics) then stays in the CPU's cache across the rows, where writing
 * row by row visits every column once per row. {@link BatchingParquetWriter} hands it its rows in
 * such batches and ends the rows in Parquet's column store after the batch is written.
 */
public interface BatchingValueWriter<T> extends ParquetValueWriter<T> {

  /**
   * Whether {@code row} may be kept for a later batch: true only for a row nobody changes after
   * handing it over. Readers reuse their row objects (Iceberg's Flink reader does, under a table
   * rewrite), so a row that may be such an object must be written at once.
   */
  boolean keeps(T row);

  /**
   * Writes {@code rows} (each one {@link #keeps} kept), in order, as top-level rows (repetition
   * level 0): the same values, levels and order within each column as calling {@link #write} for
   * each row in turn.
   */
  void writeRows(List<T> rows);
}
