package io.driftway.schemaevolution.mapping;

import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Schema-layer structs to and from Iceberg {@link Schema}s, with Iceberg's field ids kept stable.
 *
 * <p>Ids are assigned once: a column (struct field, list element, map key and value) that exists in
 * the current Iceberg schema — matched by name ignoring case, position by position down the path —
 * keeps its id forever; a new one gets the next id after the table's last assigned column id, so an
 * id is never reused. A column never changes kind (struct, list, map, primitive): Iceberg cannot
 * apply that to a table, so it is refused here, before a writer tries. The explosion guard keeps to
 * this: a struct column in the table gets an overflow map field inside it instead of becoming a
 * map.
 *
 * <pre>{@code
 * IcebergSchemas.Mapped created = IcebergSchemas.create(tableSchema);
 * IcebergSchemas.Mapped next =
 *     IcebergSchemas.evolve(created.schema(), created.lastColumnId(), evolution.after());
 * StructType back = IcebergSchemas.fromIceberg(next.schema());
 * }</pre>
 */
public final class IcebergSchemas {

  private IcebergSchemas() {}

  /**
   * An Iceberg schema and the table's last assigned column id, which must be stored with the table
   * (Iceberg's {@code last-column-id}) and passed to the next {@link #evolve}.
   *
   * @param schema the Iceberg schema
   * @param lastColumnId the highest id ever assigned in the table
   */
  public record Mapped(Schema schema, int lastColumnId) {}

  /** The Iceberg schema of a new table: ids from 1, a struct's fields before their children. */
  public static Mapped create(StructType schema) {
    return evolve(new Schema(), 0, schema);
  }

  /**
   * The Iceberg schema for {@code target}, keeping the ids of {@code current}'s columns and giving
   * new columns ids above {@code lastColumnId}.
   *
   * @throws IllegalArgumentException when a column's type changes in a way Iceberg does not allow,
   *     or {@code target} still holds a choice or a null type
   */
  public static Mapped evolve(Schema current, int lastColumnId, StructType target) {
    int last = Math.max(lastColumnId, current.highestFieldId());
    Ids ids = new Ids(last);
    Types.StructType struct =
        (Types.StructType) type(FieldPath.root(), target, current.asStruct(), ids);
    return new Mapped(new Schema(struct.fields()), ids.last);
  }

  private static final class Ids {
    private int last;

    Ids(int last) {
      this.last = last;
    }

    int next() {
      return ++last;
    }
  }

  private static Type type(FieldPath path, DataType type, Type current, Ids ids) {
    if (current != null && !type.isPrimitive() && !sameNestedKind(type, current)) {
      throw new IllegalArgumentException(
          "Cannot map to Iceberg: column " + current + " cannot become " + type + ": " + path);
    }
    return switch (type.kind()) {
      case STRUCT -> {
        Types.StructType currentStruct =
            current != null && current.isStructType() ? current.asStructType() : null;
        List<Types.NestedField> fields = new ArrayList<>();
        StructType struct = (StructType) type;
        // Ids of a struct's own fields first, then of their children, as Iceberg numbers them.
        int[] fieldIds = new int[struct.size()];
        for (int i = 0; i < struct.size(); i++) {
          Types.NestedField existing =
              currentStruct == null
                  ? null
                  : currentStruct.caseInsensitiveField(struct.field(i).name());
          fieldIds[i] = existing != null ? existing.fieldId() : ids.next();
        }
        for (int i = 0; i < struct.size(); i++) {
          Field field = struct.field(i);
          Types.NestedField existing =
              currentStruct == null ? null : currentStruct.caseInsensitiveField(field.name());
          int id = fieldIds[i];
          Type fieldType =
              type(
                  path.child(field.name()),
                  field.type(),
                  existing == null ? null : existing.type(),
                  ids);
          fields.add(
              field.optional()
                  ? Types.NestedField.optional(id, field.name(), fieldType)
                  : Types.NestedField.required(id, field.name(), fieldType));
        }
        yield Types.StructType.of(fields);
      }
      case LIST -> {
        ListType list = (ListType) type;
        Types.ListType currentList =
            current != null && current.isListType() ? current.asListType() : null;
        int id = currentList != null ? currentList.elementId() : ids.next();
        Type element =
            type(
                path.element(),
                list.element(),
                currentList == null ? null : currentList.elementType(),
                ids);
        yield list.elementOptional()
            ? Types.ListType.ofOptional(id, element)
            : Types.ListType.ofRequired(id, element);
      }
      case MAP -> {
        MapType map = (MapType) type;
        Types.MapType currentMap =
            current != null && current.isMapType() ? current.asMapType() : null;
        int keyId = currentMap != null ? currentMap.keyId() : ids.next();
        int valueId = currentMap != null ? currentMap.valueId() : ids.next();
        Type key =
            type(
                path.child(FieldPath.KEY),
                map.key(),
                currentMap == null ? null : currentMap.keyType(),
                ids);
        Type value =
            type(
                path.value(), map.value(), currentMap == null ? null : currentMap.valueType(), ids);
        yield map.valueOptional()
            ? Types.MapType.ofOptional(keyId, valueId, key, value)
            : Types.MapType.ofRequired(keyId, valueId, key, value);
      }
      case CHOICE ->
          throw new IllegalArgumentException(
              "Cannot map to Iceberg: a choice must be resolved by a policy first: "
                  + type
                  + " at "
                  + path);
      case NULL ->
          throw new IllegalArgumentException(
              "Cannot map to Iceberg: a column of only nulls has no type yet: " + path);
      default -> primitive(path, type, current);
    };
  }

  private static boolean sameNestedKind(DataType type, Type current) {
    return switch (type.kind()) {
      case STRUCT -> current.isStructType();
      case LIST -> current.isListType();
      case MAP -> current.isMapType();
      default -> true;
    };
  }

  private static Type primitive(FieldPath path, DataType type, Type current) {
    Type.PrimitiveType mapped =
        switch (type.kind()) {
          case BOOLEAN -> Types.BooleanType.get();
          case INT -> Types.IntegerType.get();
          case LONG -> Types.LongType.get();
          case FLOAT -> Types.FloatType.get();
          case DOUBLE -> Types.DoubleType.get();
          case DECIMAL -> {
            DecimalType decimal = (DecimalType) type;
            yield Types.DecimalType.of(decimal.precision(), decimal.scale());
          }
          case STRING -> Types.StringType.get();
          case BINARY ->
              current != null && current.typeId() == Type.TypeID.FIXED
                  ? current.asPrimitiveType()
                  : Types.BinaryType.get();
          case DATE -> Types.DateType.get();
          case TIME -> Types.TimeType.get();
          case TIMESTAMP -> Types.TimestampType.withoutZone();
          case TIMESTAMPTZ -> Types.TimestampType.withZone();
          case UUID -> Types.UUIDType.get();
          default -> throw new IllegalStateException("not primitive: " + type);
        };
    if (current != null && current.isPrimitiveType() && !current.equals(mapped)) {
      if (!TypeUtil.isPromotionAllowed(current, mapped)) {
        throw new IllegalArgumentException(
            "Cannot map to Iceberg: column " + current + " cannot become " + mapped + ": " + path);
      }
    } else if (current != null && !current.isPrimitiveType()) {
      throw new IllegalArgumentException(
          "Cannot map to Iceberg: column " + current + " cannot become " + mapped + ": " + path);
    }
    return mapped;
  }

  /** The schema-layer struct of an Iceberg schema. */
  public static StructType fromIceberg(Schema schema) {
    return (StructType) fromIceberg(FieldPath.root(), schema.asStruct());
  }

  private static DataType fromIceberg(FieldPath path, Type type) {
    return switch (type.typeId()) {
      case BOOLEAN -> PrimitiveType.BOOLEAN;
      case INTEGER -> PrimitiveType.INT;
      case LONG -> PrimitiveType.LONG;
      case FLOAT -> PrimitiveType.FLOAT;
      case DOUBLE -> PrimitiveType.DOUBLE;
      case DATE -> PrimitiveType.DATE;
      case TIME -> PrimitiveType.TIME;
      case TIMESTAMP ->
          ((Types.TimestampType) type).shouldAdjustToUTC()
              ? PrimitiveType.TIMESTAMPTZ
              : PrimitiveType.TIMESTAMP;
      case STRING -> PrimitiveType.STRING;
      case UUID -> PrimitiveType.UUID;
      case FIXED, BINARY -> PrimitiveType.BINARY;
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        yield DecimalType.of(decimal.precision(), decimal.scale());
      }
      case UNKNOWN -> PrimitiveType.NULL;
      case STRUCT -> {
        List<Field> fields = new ArrayList<>();
        for (Types.NestedField field : type.asStructType().fields()) {
          fields.add(
              new Field(
                  field.name(),
                  fromIceberg(path.child(field.name()), field.type()),
                  field.isOptional()));
        }
        yield StructType.of(fields);
      }
      case LIST -> {
        Types.ListType list = type.asListType();
        yield new ListType(
            fromIceberg(path.element(), list.elementType()), list.isElementOptional());
      }
      case MAP -> {
        Types.MapType map = type.asMapType();
        yield new MapType(
            fromIceberg(path.child(FieldPath.KEY), map.keyType()),
            fromIceberg(path.value(), map.valueType()),
            map.isValueOptional());
      }
      default ->
          throw new IllegalArgumentException(
              "Cannot map Iceberg type: " + type + " has no schema-layer type: " + path);
    };
  }
}
