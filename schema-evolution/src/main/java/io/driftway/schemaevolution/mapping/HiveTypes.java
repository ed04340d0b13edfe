package io.driftway.schemaevolution.mapping;

import io.driftway.schemaevolution.types.ChoiceType;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Glue/Hive type strings, as the Glue Data Catalog stores column types: {@code bigint}, {@code
 * decimal(12,2)}, {@code array<string>}, {@code map<string,bigint>}, {@code
 * struct<a:int,b:array<string>>}.
 *
 * <p>Hive has no {@code time}, {@code uuid} or zoned timestamp: {@code time} and {@code uuid} are
 * written as {@code string} and both timestamps as {@code timestamp} (what Athena and Glue show for
 * Iceberg tables), so those do not round-trip; every other type does. A choice is written as {@code
 * uniontype<...>}. Struct field names that are not plain identifiers are quoted with backticks.
 *
 * <pre>{@code
 * String hive = HiveTypes.toHive(TypeParser.parse("struct<a:int,b:array<string>>"));
 * DataType back = HiveTypes.parse("map<string,bigint>");
 * List<HiveTypes.Column> columns = HiveTypes.columns(tableSchema);
 * }</pre>
 */
public final class HiveTypes {

  private HiveTypes() {}

  /**
   * One catalog column.
   *
   * @param name the column name, as spelled in the table schema
   * @param type the Hive type string
   */
  public record Column(String name, String type) {}

  /** The Hive type string of a type. */
  public static String toHive(DataType type) {
    StringBuilder out = new StringBuilder();
    append(out, type);
    return out.toString();
  }

  /** Reads a Hive type string (also accepts the schema layer's own names). */
  public static DataType parse(String hive) {
    return TypeParser.parse(hive);
  }

  /** The catalog columns of a table schema, in order. */
  public static List<Column> columns(StructType table) {
    List<Column> columns = new ArrayList<>(table.size());
    for (Field field : table.fields()) {
      columns.add(new Column(field.name(), toHive(field.type())));
    }
    return columns;
  }

  private static void append(StringBuilder out, DataType type) {
    switch (type.kind()) {
      case NULL -> out.append("void");
      case BOOLEAN -> out.append("boolean");
      case INT -> out.append("int");
      case LONG -> out.append("bigint");
      case FLOAT -> out.append("float");
      case DOUBLE -> out.append("double");
      case DECIMAL -> {
        DecimalType decimal = (DecimalType) type;
        out.append("decimal(").append(decimal.precision()).append(',').append(decimal.scale());
        out.append(')');
      }
      case STRING, TIME, UUID -> out.append("string");
      case BINARY -> out.append("binary");
      case DATE -> out.append("date");
      case TIMESTAMP, TIMESTAMPTZ -> out.append("timestamp");
      case LIST -> {
        out.append("array<");
        append(out, ((ListType) type).element());
        out.append('>');
      }
      case MAP -> {
        MapType map = (MapType) type;
        out.append("map<");
        append(out, map.key());
        out.append(',');
        append(out, map.value());
        out.append('>');
      }
      case STRUCT -> {
        out.append("struct<");
        boolean first = true;
        for (Field field : ((StructType) type).fields()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          appendName(out, field.name());
          out.append(':');
          append(out, field.type());
        }
        out.append('>');
      }
      case CHOICE -> {
        out.append("uniontype<");
        boolean first = true;
        for (DataType alternative : ((ChoiceType) type).alternatives()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          append(out, alternative);
        }
        out.append('>');
      }
    }
  }

  private static void appendName(StringBuilder out, String name) {
    boolean plain = !name.isEmpty();
    for (int i = 0; i < name.length() && plain; i++) {
      char c = name.charAt(i);
      plain = c == '_' || Character.isLetterOrDigit(c);
    }
    if (plain) {
      out.append(name);
    } else {
      out.append('`').append(name.replace("`", "``")).append('`');
    }
  }
}
