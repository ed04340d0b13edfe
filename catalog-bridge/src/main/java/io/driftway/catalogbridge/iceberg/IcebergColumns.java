package io.driftway.catalogbridge.iceberg;

import io.driftway.catalogbridge.model.Column;
import io.driftway.schemaevolution.mapping.HiveTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The Glue columns for an Iceberg schema: one per top-level field, in schema order, typed in Hive
 * types ({@link HiveTypes}, the crawler's rule too), with the field id and optionality as column
 * parameters (the names Iceberg's own GlueCatalog uses, so engines that read them keep working).
 */
public final class IcebergColumns {

  public static final String FIELD_ID = "iceberg.field.id";
  public static final String FIELD_OPTIONAL = "iceberg.field.optional";
  public static final String FIELD_CURRENT = "iceberg.field.current";

  private IcebergColumns() {}

  public static List<Column> of(Schema schema) {
    List<Column> columns = new ArrayList<>();
    for (Types.NestedField field : schema.columns()) {
      Map<String, String> parameters = new LinkedHashMap<>();
      parameters.put(FIELD_ID, Integer.toString(field.fieldId()));
      parameters.put(FIELD_OPTIONAL, Boolean.toString(field.isOptional()));
      parameters.put(FIELD_CURRENT, "true");
      columns.add(
          new Column(field.name(), HiveTypes.toHive(field.type()), field.doc(), parameters));
    }
    return columns;
  }

  /** The columns compared by name and type only (what a reader of the Glue table sees). */
  public static List<String> signature(List<Column> columns) {
    List<String> result = new ArrayList<>();
    if (columns != null) {
      for (Column column : columns) {
        result.add(column.name() + " " + column.type());
      }
    }
    return result;
  }
}
