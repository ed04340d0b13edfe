package io.driftway.connectors.tracking;

import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Table schemas between the schema layer and Iceberg. Going to Iceberg, a column keeps the field id
 * it already has in the existing table schema (matched by name, case-insensitively, as the schema
 * layer matches names); a new column gets a new id above every id in use.
 */
final class IcebergTypes {

  private IcebergTypes() {}

  /** {@code schema} as an Iceberg schema, reusing the ids of {@code existing} (may be null). */
  static Schema toIceberg(StructType schema, Schema existing) {
    int[] nextId = {existing == null ? 0 : existing.highestFieldId()};
    Types.StructType previous = existing == null ? null : existing.asStruct();
    return new Schema(((Types.StructType) convert(schema, previous, nextId)).fields());
  }

  /** An Iceberg table schema in the schema layer's types. */
  static StructType fromIceberg(Schema schema) {
    return (StructType) convert(schema.asStruct());
  }

  private static Type convert(DataType type, Type previous, int[] nextId) {
    return switch (type.kind()) {
      case STRUCT -> {
        StructType struct = (StructType) type;
        Types.StructType before = previous instanceof Types.StructType s ? s : null;
        List<Types.NestedField> fields = new ArrayList<>();
        for (Field field : struct.fields()) {
          Types.NestedField old = before == null ? null : before.caseInsensitiveField(field.name());
          int id = old != null ? old.fieldId() : ++nextId[0];
          Type converted = convert(field.type(), old == null ? null : old.type(), nextId);
          fields.add(
              field.optional()
                  ? Types.NestedField.optional(id, field.name(), converted)
                  : Types.NestedField.required(id, field.name(), converted));
        }
        yield Types.StructType.of(fields);
      }
      case LIST -> {
        ListType list = (ListType) type;
        Types.ListType before = previous instanceof Types.ListType l ? l : null;
        int id = before != null ? before.elementId() : ++nextId[0];
        Type element =
            convert(list.element(), before == null ? null : before.elementType(), nextId);
        yield list.elementOptional()
            ? Types.ListType.ofOptional(id, element)
            : Types.ListType.ofRequired(id, element);
      }
      case MAP -> {
        MapType map = (MapType) type;
        Types.MapType before = previous instanceof Types.MapType m ? m : null;
        int keyId = before != null ? before.keyId() : ++nextId[0];
        int valueId = before != null ? before.valueId() : ++nextId[0];
        Type key = convert(map.key(), before == null ? null : before.keyType(), nextId);
        Type value = convert(map.value(), before == null ? null : before.valueType(), nextId);
        yield map.valueOptional()
            ? Types.MapType.ofOptional(keyId, valueId, key, value)
            : Types.MapType.ofRequired(keyId, valueId, key, value);
      }
      case DECIMAL -> {
        DecimalType decimal = (DecimalType) type;
        yield Types.DecimalType.of(decimal.precision(), decimal.scale());
      }
      case BOOLEAN -> Types.BooleanType.get();
      case INT -> Types.IntegerType.get();
      case LONG -> Types.LongType.get();
      case FLOAT -> Types.FloatType.get();
      case DOUBLE -> Types.DoubleType.get();
      case STRING -> Types.StringType.get();
      case BINARY -> Types.BinaryType.get();
      case DATE -> Types.DateType.get();
      case TIME -> Types.TimeType.get();
      case TIMESTAMP -> Types.TimestampType.withoutZone();
      case TIMESTAMPTZ -> Types.TimestampType.withZone();
      case UUID -> Types.UUIDType.get();
      case NULL, CHOICE ->
          throw new IllegalArgumentException(
              "Cannot create Iceberg column: no Iceberg type for " + type.kind() + ": " + type);
    };
  }

  private static DataType convert(Type type) {
    return switch (type.typeId()) {
      case STRUCT -> {
        List<Field> fields = new ArrayList<>();
        for (Types.NestedField field : type.asStructType().fields()) {
          DataType converted = convert(field.type());
          fields.add(
              field.isOptional()
                  ? Field.optional(field.name(), converted)
                  : Field.required(field.name(), converted));
        }
        yield StructType.of(fields);
      }
      case LIST -> {
        Types.ListType list = type.asListType();
        DataType element = convert(list.elementType());
        yield list.isElementOptional() ? ListType.of(element) : ListType.ofRequired(element);
      }
      case MAP -> {
        Types.MapType map = type.asMapType();
        yield new MapType(convert(map.keyType()), convert(map.valueType()), map.isValueOptional());
      }
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        yield DecimalType.of(decimal.precision(), decimal.scale());
      }
      case BOOLEAN -> PrimitiveType.BOOLEAN;
      case INTEGER -> PrimitiveType.INT;
      case LONG -> PrimitiveType.LONG;
      case FLOAT -> PrimitiveType.FLOAT;
      case DOUBLE -> PrimitiveType.DOUBLE;
      case STRING -> PrimitiveType.STRING;
      case BINARY, FIXED -> PrimitiveType.BINARY;
      case DATE -> PrimitiveType.DATE;
      case TIME -> PrimitiveType.TIME;
      case TIMESTAMP ->
          ((Types.TimestampType) type).shouldAdjustToUTC()
              ? PrimitiveType.TIMESTAMPTZ
              : PrimitiveType.TIMESTAMP;
      case UUID -> PrimitiveType.UUID;
      default ->
          throw new IllegalArgumentException(
              "Cannot read Iceberg column: Driftway has no type for " + type + " yet");
    };
  }
}
