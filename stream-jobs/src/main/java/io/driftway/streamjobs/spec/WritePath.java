package io.driftway.streamjobs.spec;

/**
 * How a pipeline's rows reach Parquet ({@code sink.write-path}).
 *
 * <pre>{@code
 * if (spec.writePath() == WritePath.COLUMNAR) { ... }
 * }</pre>
 */
public enum WritePath {
  /**
   * Rows of the fast path written straight into Parquet's column writers, every other row through
   * Iceberg's Flink writer (see {@code io.driftway.connectors.columnar}).
   */
  COLUMNAR("columnar"),
  /** Every row through Iceberg's Flink writer, as a Flink {@code RowData}. */
  ROWS("rows");

  private final String spelling;

  WritePath(String spelling) {
    this.spelling = spelling;
  }

  /** The value's name in a pipeline file. */
  public String spelling() {
    return spelling;
  }
}
