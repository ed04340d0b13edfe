package io.driftway.connectors.tracking;

import io.driftway.schemaevolution.mapping.IcebergSchemas;
import io.driftway.schemaevolution.merge.SchemaEvolutionException;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * One subtask's view of each table it writes: the catalog's schema when the table is first seen,
 * then moved by this subtask's own decisions, and joined with the catalog's again when a decision
 * needs the newest (other subtasks, an earlier run or an approval may have moved it). Used from the
 * task thread only.
 */
final class TableViews {

  private final TrackingSettings settings;
  private final Catalog catalog;
  private final Map<String, TableState> tables = new HashMap<>();
  private final Map<String, TablePolicy> policies = new HashMap<>();

  TableViews(TrackingSettings settings, Catalog catalog) {
    this.settings = settings;
    this.catalog = catalog;
  }

  /** This subtask's view of table {@code name}, read from the catalog the first time. */
  TableState get(String name) {
    TableState state = tables.get(name);
    if (state == null) {
      TableSettings table = settings.table(name);
      TablePolicy policy = policies.computeIfAbsent(name, n -> table.policy());
      state = load(table, policy);
      tables.put(name, state);
    }
    return state;
  }

  /** Keeps {@code state} as this subtask's view of its table. */
  TableState put(TableState state) {
    tables.put(state.settings.name(), state);
    return state;
  }

  /**
   * The table as the catalog holds it now, joined with this subtask's own view (its proposals may
   * not be committed yet), kept as the view; {@code table} itself when nothing moved.
   */
  TableState refresh(TableState table) {
    TableState fromCatalog = load(table.settings, table.policy);
    StructType joined;
    try {
      joined = table.viewJoin.evolve(fromCatalog.schema, List.of(table.schema)).after();
    } catch (SchemaEvolutionException e) {
      // Our view cannot join the catalog's (another writer decided differently): the catalog wins.
      joined = fromCatalog.schema;
    }
    String rescued = table.policy.rescuedColumn();
    if (table.schema.field(rescued) == null && fromCatalog.schema.field(rescued) == null) {
      // The join adds the rescued-data column; left to the record's own evolution, so its
      // ADD_COLUMN is in the alert like every other change.
      List<Field> fields = new ArrayList<>(joined.fields());
      fields.removeIf(f -> f.name().equalsIgnoreCase(rescued));
      joined = StructType.of(fields);
    }
    return put(joined.equals(table.schema) ? table : table.withSchema(joined));
  }

  private TableState load(TableSettings table, TablePolicy policy) {
    TableIdentifier id = TableIdentifier.of(table.database(), table.name());
    try {
      Table existing = catalog.loadTable(id);
      Schema schema = existing.schema();
      return TableState.of(table, policy, IcebergSchemas.fromIceberg(schema), schema, fastFormat());
    } catch (NoSuchTableException missing) {
      return TableState.of(table, policy, StructType.empty(), null, fastFormat());
    }
  }

  private TableState.FastFormat fastFormat() {
    return switch (settings.format().kind()) {
      case JSON, FILES -> TableState.FastFormat.JSON;
      case AVRO_CONFLUENT -> TableState.FastFormat.AVRO;
      default -> TableState.FastFormat.NONE;
    };
  }
}
