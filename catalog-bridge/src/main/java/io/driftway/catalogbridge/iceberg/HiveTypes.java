package io.driftway.catalogbridge.iceberg;

import java.util.stream.Collectors;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Iceberg types as Hive type strings, the form Glue columns carry and Athena, Spark and Trino read:
 * {@code bigint}, {@code decimal(10,2)}, {@code struct<id:bigint,tags:array<string>>}.
 */
public final class HiveTypes {

  private HiveTypes() {}

  /** The Hive type string for an Iceberg type, nested types included. */
  public static String of(Type type) {
    switch (type.typeId()) {
      case BOOLEAN:
        return "boolean";
      case INTEGER:
        return "int";
      case LONG:
        return "bigint";
      case FLOAT:
        return "float";
      case DOUBLE:
        return "double";
      case DATE:
        return "date";
      case TIMESTAMP:
      case TIMESTAMP_NANO:
        return "timestamp";
      case DECIMAL:
        Types.DecimalType decimal = (Types.DecimalType) type;
        return "decimal(" + decimal.precision() + "," + decimal.scale() + ")";
      case FIXED:
      case BINARY:
      case GEOMETRY:
      case GEOGRAPHY:
        return "binary";
      case STRUCT:
        return "struct<"
            + type.asStructType().fields().stream()
                .map(field -> field.name() + ":" + of(field.type()))
                .collect(Collectors.joining(","))
            + ">";
      case LIST:
        return "array<" + of(type.asListType().elementType()) + ">";
      case MAP:
        Types.MapType map = type.asMapType();
        return "map<" + of(map.keyType()) + "," + of(map.valueType()) + ">";
      case STRING:
      case UUID:
      case TIME:
      case VARIANT:
      case UNKNOWN:
      default:
        // Hive has no time, uuid or variant type; engines read these Iceberg columns as strings.
        return "string";
    }
  }
}
