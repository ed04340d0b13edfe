package io.driftway.schemaevolution.mapping;

import io.driftway.schemaevolution.types.ChoiceType;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeParser;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Glue/Hive column types, the one place Driftway spells them: {@code bigint}, {@code
 * decimal(12,2)}, {@code array<string>}, {@code map<string,bigint>}, {@code
 * struct<a:int,b:array<string>>}. The crawler renders the schema-layer types it infers ({@link
 * #toHive(DataType)}, {@link #columns(StructType)}); the catalog bridge renders Iceberg schemas
 * ({@link #toHive(Type)}, {@link #columns(Schema)}), which go through the schema layer first, so a
 * crawled table and an Iceberg-synced table with the same columns get the same Glue columns. Any
 * thread may call it; it holds no state.
 *
 * <p>Hive has no {@code time}, {@code uuid} or zoned timestamp: {@code time} and {@code uuid} are
 * written as {@code string} and both timestamps as {@code timestamp} (what Athena and Glue show for
 * Iceberg tables), so those do not round-trip; every other type does. A choice is written as {@code
 * uniontype<...>}. Iceberg's {@code fixed}, {@code geometry} and {@code geography} are written as
 * {@code binary}; {@code variant} and {@code unknown} as {@code string}.
 *
 * <p>Struct field names that are not plain identifiers (letters, digits and {@code _}) are quoted
 * with backticks, a backtick inside doubled: {@code struct<`user id`:string>}. Spark reads a
 * metastore column type with its SQL type parser ({@code HiveClientImpl.fromHiveColumn} calls
 * {@code CatalystSqlParser.parseDataType}), which takes a struct field name as an identifier: a
 * backquoted name parses, an unquoted {@code user id}, {@code a-b} or {@code a:b} does not. Athena
 * DDL quotes such names the same way. Hive's own {@code TypeInfoUtils} tokenizer knows no quotes (a
 * name is letters, digits, {@code _}, {@code .}, and in later versions space and {@code $}), so
 * Hive itself cannot read such a name whichever way it is written; plain names are never quoted, so
 * every type Hive can read stays byte-for-byte what Hive writes.
 *
 * <pre>{@code
 * String hive = HiveTypes.toHive(TypeParser.parse("struct<a:int,b:array<string>>"));
 * String synced = HiveTypes.toHive(icebergSchema.findType("payload"));
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

  /**
   * The Hive type string of an Iceberg type, nested types included: the same string {@link
   * #toHive(DataType)} gives for the schema-layer type the Iceberg type maps to.
   */
  public static String toHive(Type iceberg) {
    return toHive(forHive(iceberg));
  }

  /** The catalog columns of an Iceberg schema, in order. */
  public static List<Column> columns(Schema schema) {
    List<Column> columns = new ArrayList<>(schema.columns().size());
    for (Types.NestedField field : schema.columns()) {
      columns.add(new Column(field.name(), toHive(field.type())));
    }
    return columns;
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

  /**
   * The schema-layer type an Iceberg type is written as; unlike {@link IcebergSchemas#fromIceberg}
   * it also takes the Iceberg types Hive has no counterpart for, as what engines read them as.
   */
  private static DataType forHive(Type type) {
    return switch (type.typeId()) {
      case BOOLEAN -> PrimitiveType.BOOLEAN;
      case INTEGER -> PrimitiveType.INT;
      case LONG -> PrimitiveType.LONG;
      case FLOAT -> PrimitiveType.FLOAT;
      case DOUBLE -> PrimitiveType.DOUBLE;
      case DATE -> PrimitiveType.DATE;
      case TIMESTAMP, TIMESTAMP_NANO -> PrimitiveType.TIMESTAMP;
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        yield DecimalType.of(decimal.precision(), decimal.scale());
      }
      case FIXED, BINARY, GEOMETRY, GEOGRAPHY -> PrimitiveType.BINARY;
      case STRUCT -> {
        List<Field> fields = new ArrayList<>();
        for (Types.NestedField field : type.asStructType().fields()) {
          fields.add(new Field(field.name(), forHive(field.type()), field.isOptional()));
        }
        yield StructType.of(fields);
      }
      case LIST -> {
        Types.ListType list = type.asListType();
        yield new ListType(forHive(list.elementType()), list.isElementOptional());
      }
      case MAP -> {
        Types.MapType map = type.asMapType();
        yield new MapType(forHive(map.keyType()), forHive(map.valueType()), map.isValueOptional());
      }
      // Hive has no time, uuid or variant type; engines read these Iceberg columns as strings.
      case STRING, UUID, TIME, VARIANT, UNKNOWN -> PrimitiveType.STRING;
    };
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
