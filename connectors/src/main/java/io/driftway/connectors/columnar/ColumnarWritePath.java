package io.driftway.connectors.columnar;

import org.apache.flink.table.data.RowData;
import org.apache.iceberg.formats.FormatModelOverride;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches this JVM's Flink Parquet writes to the columnar path: from then on every Parquet data
 * file Iceberg writes for Flink {@link RowData} (the dynamic sink's among them) writes the rows
 * that are views of the schema layer's rows through {@link RowParquetWriter} and any other row
 * through Iceberg's Flink writer, as before, with the dictionary lookups in runs ({@link
 * BatchedDictionaries}). Reading is unchanged (Iceberg's Flink reader).
 *
 * <p>Call it where the writers run (a task's {@code open}); it is idempotent and cheap after the
 * first call.
 *
 * <pre>{@code
 * if (!ColumnarWritePath.install()) {
 *   // Iceberg's own Flink writer writes every row, as it did
 * }
 * }</pre>
 */
public final class ColumnarWritePath {

  private static final Logger LOG = LoggerFactory.getLogger(ColumnarWritePath.class);

  private static Boolean installed;

  private ColumnarWritePath() {}

  /**
   * Installs the columnar writer for Flink {@link RowData} Parquet files in this JVM, once; false
   * (with one INFO line saying why) when it cannot, because Iceberg was loaded by another class
   * loader than Driftway, so that Iceberg's Flink writer keeps writing every row.
   */
  public static synchronized boolean install() {
    if (installed == null) {
      installed = tryInstall();
    }
    return installed;
  }

  private static boolean tryInstall() {
    try {
      FormatModelOverride.replace(new ColumnarParquetModel());
      LOG.info("Writing Parquet data files on the columnar path");
      return true;
    } catch (IllegalAccessError e) {
      LOG.info(
          "Writing Parquet data files on the rows path (Iceberg's Flink writer): the columnar path"
              + " needs Iceberg and Driftway in one class loader, and Iceberg was loaded by another"
              + " one ({})",
          e.getMessage());
      return false;
    }
  }
}
