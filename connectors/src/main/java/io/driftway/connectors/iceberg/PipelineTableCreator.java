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
 * then the table with Parquet files and the properties the pipeline declares for it (target file
 * size, compression, ...). Called by Iceberg's dynamic sink on the task that first sees the table.
 *
 * <pre>{@code
 * DynamicIcebergSink.forInput(rows).tableCreator(new PipelineTableCreator(Map.of("sales.orders", props)))
 * }</pre>
 */
public final class PipelineTableCreator implements TableCreator {
  private static final long serialVersionUID = 1L;

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
      }
    }
    Map<String, String> properties = new HashMap<>();
    properties.put(TableProperties.DEFAULT_FILE_FORMAT, "parquet");
    properties.put(TableProperties.FORMAT_VERSION, "2");
    properties.putAll(propertiesByTable.getOrDefault(id.toString(), Map.of()));
    try {
      return catalog.createTable(id, schema, spec, properties);
    } catch (AlreadyExistsException createdMeanwhile) {
      return catalog.loadTable(id);
    }
  }
}
