package io.driftway.connectors.iceberg;

import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.flink.sink.dynamic.TableCreator;

/**
 * Creates the tables of a pipeline when their first row arrives: the database if it is missing,
 * then the table with Parquet files, a dictionary bound fit for small streaming files ({@link
 * #DICTIONARY_BYTES}) and the properties the pipeline declares for it (target file size,
 * compression, ...). Called by Iceberg's dynamic sink on the task that first sees the table.
 *
 * <pre>{@code
 * DynamicIcebergSink.forInput(rows).tableCreator(new PipelineTableCreator(Map.of("sales.orders", props)))
 * }</pre>
 */
public final class PipelineTableCreator implements TableCreator {
  private static final long serialVersionUID = 1L;

  /**
   * The most bytes of distinct values a Parquet column chunk keeps in its dictionary before it
   * falls back to plain encoding, for the tables this creates (Iceberg's default is 2 MiB). A
   * streaming pipeline commits small files (a few MB per checkpoint), so with 2 MiB every column of
   * every file is dictionary-encoded to the end, paying a hash lookup per value even for ids,
   * timestamps and free text whose dictionary saves nothing (Parquet only gives up at the first
   * page, which these files rarely fill). At 16 KiB a low-cardinality column (a status, a country,
   * a few hundred names) keeps its dictionary and a high-cardinality one gives up after a few
   * thousand values: on files of 9,000 of the peers bench's 1 KB records Iceberg's Parquet writer
   * does about 1.9x the records per CPU-second (64 KiB: 1.25x) for files 3.5% larger. A table's own
   * {@code properties} override it.
   */
  static final int DICTIONARY_BYTES = 16 * 1024;

  private final Map<String, Map<String, String>> propertiesByTable;

  /** {@code propertiesByTable} is keyed by {@code database.table}. */
  public PipelineTableCreator(Map<String, Map<String, String>> propertiesByTable) {
    this.propertiesByTable = Map.copyOf(propertiesByTable);
  }

  @Override
  public Table createTable(Catalog catalog, TableIdentifier id, Schema schema, PartitionSpec spec) {
    Namespace namespace = id.namespace();
    if (catalog instanceof SupportsNamespaces namespaces
        && !namespaces.namespaceExists(namespace)) {
      try {
        namespaces.createNamespace(namespace);
      } catch (AlreadyExistsException createdMeanwhile) {
        // Another subtask created it first: what we wanted.
      } catch (RuntimeException e) {
        // The JDBC catalog reports losing that race as a failed insert, not as AlreadyExists.
        if (!namespaces.namespaceExists(namespace)) {
          throw e;
        }
      }
    }
    Map<String, String> properties = new HashMap<>();
    properties.put(TableProperties.DEFAULT_FILE_FORMAT, "parquet");
    properties.put(TableProperties.FORMAT_VERSION, "2");
    properties.put(TableProperties.PARQUET_DICT_SIZE_BYTES, String.valueOf(DICTIONARY_BYTES));
    properties.putAll(propertiesByTable.getOrDefault(id.toString(), Map.of()));
    try {
      return catalog.createTable(id, schema, spec, properties);
    } catch (AlreadyExistsException createdMeanwhile) {
      return catalog.loadTable(id);
    }
  }
}
