package io.driftway.schemaevolution.mapping;

import io.driftway.schemaevolution.merge.SchemaJoin;
import io.driftway.schemaevolution.types.ChoiceType;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Avro schemas to and from schema-layer types.
 *
 * <p>From Avro: a union with {@code null} is an optional field (or element, or value); any other
 * union is a {@link ChoiceType}; logical types map to {@code date}, {@code time} ({@code
 * time-millis}, {@code time-micros}), {@code timestamptz} ({@code timestamp-*}), {@code timestamp}
 * ({@code local-timestamp-*}), {@code decimal} and {@code uuid}; enums are strings; fixed is
 * binary.
 *
 * <p>To Avro: optional is {@code ["null", T]} with default null, a choice is a union, {@code
 * timestamptz} is {@code timestamp-micros}, {@code timestamp} is {@code local-timestamp-micros},
 * {@code time} is {@code time-micros}, a decimal is {@code bytes} with the decimal logical type.
 * Names Avro does not allow are made legal ({@code user-id} becomes {@code user_x2Did}) and the
 * original is kept in the field property {@value #ORIGINAL_NAME}, which {@link #fromAvro} reads
 * back, so the mapping round-trips.
 *
 * <pre>{@code
 * Schema avro = AvroSchemas.toAvro(tableSchema, "orders");
 * StructType back = AvroSchemas.fromAvro(avro);
 * }</pre>
 */
public final class AvroSchemas {

  /** The field property holding a name that Avro does not allow. */
  public static final String ORIGINAL_NAME = "driftway.name";

  /**
   * The record property marking a one-field record that only wraps a union branch, because Avro
   * unions allow one branch per unnamed type (a decimal and a binary are both {@code bytes}).
   */
  public static final String CHOICE_WRAPPER = "driftway.choice";

  /** True for a record that wraps one branch of a choice; its field {@code value} is the value. */
  public static boolean isChoiceWrapper(Schema schema) {
    return schema.getType() == Schema.Type.RECORD && schema.getObjectProp(CHOICE_WRAPPER) != null;
  }

  private AvroSchemas() {}

  /** The struct of an Avro record schema. */
  public static StructType fromAvro(Schema record) {
    if (record.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(
          "Cannot map Avro schema: a table schema must be a record: " + record.getType());
    }
    return (StructType) typeOf(record, new IdentityHashMap<>(), FieldPath.root());
  }

  /** The type of any Avro schema (a union with null maps to its other branch). */
  public static DataType fromAvroType(Schema schema) {
    return typeOf(schema, new IdentityHashMap<>(), FieldPath.root());
  }

  /** True when the schema is a union with a {@code null} branch. */
  public static boolean isNullable(Schema schema) {
    if (schema.getType() == Schema.Type.NULL) {
      return true;
    }
    if (schema.getType() != Schema.Type.UNION) {
      return false;
    }
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() == Schema.Type.NULL) {
        return true;
      }
    }
    return false;
  }

  private static DataType typeOf(Schema schema, Map<Schema, Boolean> visiting, FieldPath path) {
    LogicalType logical = schema.getLogicalType();
    return switch (schema.getType()) {
      case RECORD ->
          isChoiceWrapper(schema)
              ? typeOf(schema.getFields().get(0).schema(), visiting, path)
              : recordOf(schema, visiting, path);
      case UNION -> {
        DataType joined = PrimitiveType.NULL;
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() != Schema.Type.NULL) {
            joined = SchemaJoin.standard().join(joined, typeOf(branch, visiting, path));
          }
        }
        yield joined;
      }
      case ARRAY ->
          new ListType(
              typeOf(schema.getElementType(), visiting, path.element()),
              isNullable(schema.getElementType()));
      case MAP ->
          new MapType(
              PrimitiveType.STRING,
              typeOf(schema.getValueType(), visiting, path.value()),
              isNullable(schema.getValueType()));
      case ENUM -> PrimitiveType.STRING;
      case FIXED -> {
        if (logical instanceof LogicalTypes.Decimal decimal) {
          yield DecimalType.of(decimal.getPrecision(), decimal.getScale());
        }
        yield logical != null && logical.getName().equals("uuid")
            ? PrimitiveType.UUID
            : PrimitiveType.BINARY;
      }
      case STRING ->
          logical != null && logical.getName().equals("uuid")
              ? PrimitiveType.UUID
              : PrimitiveType.STRING;
      case BYTES ->
          logical instanceof LogicalTypes.Decimal decimal
              ? DecimalType.of(decimal.getPrecision(), decimal.getScale())
              : PrimitiveType.BINARY;
      case INT -> {
        if (logical instanceof LogicalTypes.Date) {
          yield PrimitiveType.DATE;
        }
        yield logical instanceof LogicalTypes.TimeMillis ? PrimitiveType.TIME : PrimitiveType.INT;
      }
      case LONG -> longType(logical);
      case FLOAT -> PrimitiveType.FLOAT;
      case DOUBLE -> PrimitiveType.DOUBLE;
      case BOOLEAN -> PrimitiveType.BOOLEAN;
      case NULL -> PrimitiveType.NULL;
    };
  }

  private static DataType longType(LogicalType logical) {
    if (logical == null) {
      return PrimitiveType.LONG;
    }
    return switch (logical.getName()) {
      case "time-micros" -> PrimitiveType.TIME;
      case "timestamp-millis", "timestamp-micros", "timestamp-nanos" -> PrimitiveType.TIMESTAMPTZ;
      case "local-timestamp-millis", "local-timestamp-micros", "local-timestamp-nanos" ->
          PrimitiveType.TIMESTAMP;
      default -> PrimitiveType.LONG;
    };
  }

  private static StructType recordOf(Schema schema, Map<Schema, Boolean> visiting, FieldPath path) {
    if (visiting.put(schema, Boolean.TRUE) != null) {
      throw new IllegalArgumentException(
          "Cannot map Avro schema: recursive record "
              + schema.getFullName()
              + " has no table form: "
              + path);
    }
    List<Field> fields = new ArrayList<>(schema.getFields().size());
    for (Schema.Field field : schema.getFields()) {
      Object original = field.getObjectProp(ORIGINAL_NAME);
      String name = original instanceof String s ? s : field.name();
      DataType type = typeOf(field.schema(), visiting, path.child(name));
      fields.add(new Field(name, type, isNullable(field.schema())));
    }
    visiting.remove(schema);
    return StructType.of(fields);
  }

  /**
   * The Avro record schema of a struct; nested records are named after their path. Avro names are
   * one namespace per schema, so a name already given (two decimals of one choice both wrapped, or
   * the paths {@code a_b} and {@code a.b}) gets the next free suffix {@code _2}, {@code _3}, ... in
   * the order the schema is walked, which makes the names the same on every run.
   */
  public static Schema toAvro(StructType struct, String recordName) {
    Set<String> names = new HashSet<>();
    return toRecord(struct, unique(legalName(recordName), names), FieldPath.root(), names);
  }

  /** {@code name}, or the first of {@code name_2}, {@code name_3}, ... not given yet; claims it. */
  private static String unique(String name, Set<String> names) {
    String candidate = name;
    for (int suffix = 2; !names.add(candidate); suffix++) {
      candidate = name + "_" + suffix;
    }
    return candidate;
  }

  private static Schema toRecord(
      StructType struct, String name, FieldPath path, Set<String> names) {
    List<Schema.Field> fields = new ArrayList<>(struct.size());
    for (Field field : struct.fields()) {
      String legal = legalName(field.name());
      Schema type = toAvroType(field.type(), name + "_" + legal, path.child(field.name()), names);
      Schema.Field avroField;
      if (field.optional()) {
        avroField = new Schema.Field(legal, nullable(type), null, JsonProperties.NULL_VALUE);
      } else {
        avroField = new Schema.Field(legal, type, null, (Object) null);
      }
      if (!legal.equals(field.name())) {
        avroField.addProp(ORIGINAL_NAME, field.name());
      }
      fields.add(avroField);
    }
    return Schema.createRecord(name, null, null, false, fields);
  }

  private static Schema nullable(Schema type) {
    if (type.getType() == Schema.Type.NULL) {
      return type;
    }
    if (type.getType() == Schema.Type.UNION) {
      List<Schema> branches = new ArrayList<>();
      branches.add(Schema.create(Schema.Type.NULL));
      branches.addAll(type.getTypes());
      return Schema.createUnion(branches);
    }
    return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
  }

  /**
   * The Avro schema of {@code type}; {@code name} is the base name of a record it needs, made
   * unique against {@code names} where the record is created.
   */
  private static Schema toAvroType(DataType type, String name, FieldPath path, Set<String> names) {
    return switch (type.kind()) {
      case NULL -> Schema.create(Schema.Type.NULL);
      case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
      case INT -> Schema.create(Schema.Type.INT);
      case LONG -> Schema.create(Schema.Type.LONG);
      case FLOAT -> Schema.create(Schema.Type.FLOAT);
      case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
      case STRING -> Schema.create(Schema.Type.STRING);
      case BINARY -> Schema.create(Schema.Type.BYTES);
      case DECIMAL -> {
        DecimalType decimal = (DecimalType) type;
        yield LogicalTypes.decimal(decimal.precision(), decimal.scale())
            .addToSchema(Schema.create(Schema.Type.BYTES));
      }
      case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      case TIME -> LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
      case TIMESTAMP ->
          LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
      case TIMESTAMPTZ ->
          LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
      case UUID -> LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
      case STRUCT -> toRecord((StructType) type, unique(name, names), path, names);
      case LIST -> {
        ListType list = (ListType) type;
        Schema element = toAvroType(list.element(), name + "_element", path.element(), names);
        yield Schema.createArray(list.elementOptional() ? nullable(element) : element);
      }
      case MAP -> {
        MapType map = (MapType) type;
        if (map.key().kind() != TypeKind.STRING) {
          throw new IllegalArgumentException(
              "Cannot map to Avro: map keys must be strings, not " + map.key() + ": " + path);
        }
        Schema value = toAvroType(map.value(), name + "_value", path.value(), names);
        yield Schema.createMap(map.valueOptional() ? nullable(value) : value);
      }
      case CHOICE -> {
        List<Schema> branches = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (DataType alternative : ((ChoiceType) type).alternatives()) {
          String branchName = name + "_" + alternative.simpleName();
          Schema branch = toAvroType(alternative, branchName, path, names);
          String key =
              branch.getType() == Schema.Type.RECORD
                  ? branch.getFullName()
                  : branch.getType().getName();
          if (!taken.add(key)) {
            // Avro allows one branch per unnamed type (decimal and binary are both bytes): wrap.
            Schema.Field value = new Schema.Field("value", branch, null, (Object) null);
            branch =
                Schema.createRecord(
                    unique(branchName + "_choice", names), null, null, false, List.of(value));
            branch.addProp(CHOICE_WRAPPER, true);
          }
          branches.add(branch);
        }
        yield Schema.createUnion(branches);
      }
    };
  }

  /** A name Avro accepts: letters, digits and underscores, not starting with a digit. */
  static String legalName(String name) {
    StringBuilder out = null;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean legal =
          c == '_'
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (i > 0 && c >= '0' && c <= '9');
      if (!legal && out == null) {
        out = new StringBuilder(name.substring(0, i));
      }
      if (out != null) {
        if (legal) {
          out.append(c);
        } else if (i == 0 && c >= '0' && c <= '9') {
          out.append('_').append(c);
        } else {
          out.append("_x").append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT));
        }
      }
    }
    return out == null ? name : out.toString();
  }
}
