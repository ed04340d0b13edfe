package io.driftway.schemaevolution.infer;

import io.driftway.schemaevolution.mapping.AvroSchemas;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.record.StructValue;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro inference: the record schema is the writer schema (unions with null are optional fields,
 * other unions are choices), each value's own type is the union branch it took. Schemas are mapped
 * once per writer schema and cached.
 */
final class AvroInferrer implements RecordInferrer<GenericRecord> {

  private final Limits limits;
  private final Map<Schema, DataType> types = new ConcurrentHashMap<>();

  AvroInferrer(InferenceOptions options) {
    this.limits = options.limits();
  }

  @Override
  public DynamicRecord infer(GenericRecord input, SourceCoordinates coordinates) {
    return infer(input, coordinates, -1);
  }

  DynamicRecord infer(GenericRecord input, SourceCoordinates coordinates, long sizeBytes) {
    if (sizeBytes > limits.maxRecordBytes()) {
      throw RecordRejectedException.overLimit(
          Limits.MAX_RECORD_BYTES, "record size", sizeBytes, limits.maxRecordBytes(), "");
    }
    StructType schema;
    try {
      schema = (StructType) typeOf(input.getSchema());
    } catch (IllegalArgumentException e) {
      throw RecordRejectedException.malformed("Avro", e.getMessage(), coordinates, e);
    }
    StructValue values = record(input, 1, FieldPath.root());
    return new DynamicRecord(values, schema, coordinates, sizeBytes);
  }

  private DataType typeOf(Schema schema) {
    DataType type = types.get(schema);
    if (type == null) {
      type =
          schema.getType() == Schema.Type.RECORD
              ? AvroSchemas.fromAvro(schema)
              : AvroSchemas.fromAvroType(schema);
      types.put(schema, type);
    }
    return type;
  }

  private void checkDepth(int depth, FieldPath path) {
    if (depth > limits.maxNestingDepth()) {
      throw RecordRejectedException.overLimit(
          Limits.MAX_NESTING_DEPTH,
          "nesting depth",
          depth,
          limits.maxNestingDepth(),
          path.pointer());
    }
  }

  private StructValue record(GenericRecord record, int depth, FieldPath path) {
    checkDepth(depth, path);
    List<Schema.Field> fields = record.getSchema().getFields();
    if (fields.size() > limits.maxFieldsPerStruct()) {
      throw RecordRejectedException.overLimit(
          Limits.MAX_FIELDS_PER_STRUCT,
          "field count",
          fields.size(),
          limits.maxFieldsPerStruct(),
          path.pointer());
    }
    StructValue.Builder values = StructValue.builder(fields.size());
    for (Schema.Field field : fields) {
      Object original = field.getObjectProp(AvroSchemas.ORIGINAL_NAME);
      String name = original instanceof String s ? s : field.name();
      Schema schema = branch(field.schema(), record.get(field.pos()));
      Object value = value(record.get(field.pos()), schema, depth, path.child(name));
      values.add(name, value, typeOf(schema));
    }
    return values.build();
  }

  /** The schema of the union branch a value took, or the schema itself. */
  private static Schema branch(Schema schema, Object value) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().get(GenericData.get().resolveUnion(schema, value));
  }

  private Object value(Object value, Schema schema, int depth, FieldPath path) {
    if (value == null) {
      return null;
    }
    LogicalType logical = schema.getLogicalType();
    switch (schema.getType()) {
      case UNION -> {
        return value(value, branch(schema, value), depth, path);
      }
      case RECORD -> {
        return record((GenericRecord) value, depth + 1, path);
      }
      case ARRAY -> {
        checkDepth(depth + 1, path);
        Collection<?> elements = (Collection<?>) value;
        List<Object> out = new ArrayList<>(elements.size());
        Schema element = schema.getElementType();
        for (Object e : elements) {
          out.add(value(e, branch(element, e), depth + 1, path.element()));
        }
        return out;
      }
      case MAP -> {
        checkDepth(depth + 1, path);
        Map<?, ?> entries = (Map<?, ?>) value;
        if (entries.size() > limits.maxFieldsPerStruct()) {
          throw RecordRejectedException.overLimit(
              Limits.MAX_FIELDS_PER_STRUCT,
              "entry count",
              entries.size(),
              limits.maxFieldsPerStruct(),
              path.pointer());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Schema valueSchema = schema.getValueType();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
          Object v = entry.getValue();
          out.put(
              entry.getKey().toString(), value(v, branch(valueSchema, v), depth + 1, path.value()));
        }
        return out;
      }
      case STRING -> {
        if (logical != null && logical.getName().equals("uuid") && !(value instanceof UUID)) {
          return UUID.fromString(value.toString());
        }
        return value instanceof UUID ? value : value.toString();
      }
      case ENUM -> {
        return value.toString();
      }
      case BYTES, FIXED -> {
        return bytesValue(value, logical);
      }
      case INT -> {
        if (logical instanceof LogicalTypes.Date) {
          return value instanceof LocalDate ? value : LocalDate.ofEpochDay((Integer) value);
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
          return value instanceof LocalTime
              ? value
              : LocalTime.ofNanoOfDay((Integer) value * 1_000_000L);
        }
        return value;
      }
      case LONG -> {
        return logical == null ? value : longValue(value, logical.getName());
      }
      default -> {
        return value;
      }
    }
  }

  private static Object bytesValue(Object value, LogicalType logical) {
    if (value instanceof BigDecimal || value instanceof UUID) {
      return value;
    }
    byte[] bytes;
    if (value instanceof ByteBuffer buffer) {
      bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
    } else {
      bytes = ((GenericFixed) value).bytes().clone();
    }
    if (logical instanceof LogicalTypes.Decimal decimal) {
      return new BigDecimal(new BigInteger(bytes), decimal.getScale());
    }
    if (logical != null && logical.getName().equals("uuid") && bytes.length == 16) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      return new UUID(buffer.getLong(), buffer.getLong());
    }
    return bytes;
  }

  private static Object longValue(Object value, String logical) {
    if (!(value instanceof Long l)) {
      // Already converted by a logical-type conversion on the reader.
      if (value instanceof Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
      }
      return value;
    }
    return switch (logical) {
      case "time-micros" -> LocalTime.ofNanoOfDay(l * 1000);
      case "timestamp-millis" -> OffsetDateTime.ofInstant(Instant.ofEpochMilli(l), ZoneOffset.UTC);
      case "timestamp-micros" ->
          OffsetDateTime.ofInstant(
              Instant.ofEpochSecond(
                  Math.floorDiv(l, 1_000_000L), Math.floorMod(l, 1_000_000L) * 1000),
              ZoneOffset.UTC);
      case "timestamp-nanos" ->
          OffsetDateTime.ofInstant(
              Instant.ofEpochSecond(
                  Math.floorDiv(l, 1_000_000_000L), Math.floorMod(l, 1_000_000_000L)),
              ZoneOffset.UTC);
      case "local-timestamp-millis" ->
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(l, 1000L), (int) Math.floorMod(l, 1000L) * 1_000_000, ZoneOffset.UTC);
      case "local-timestamp-micros" ->
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(l, 1_000_000L),
              (int) Math.floorMod(l, 1_000_000L) * 1000,
              ZoneOffset.UTC);
      case "local-timestamp-nanos" ->
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(l, 1_000_000_000L),
              (int) Math.floorMod(l, 1_000_000_000L),
              ZoneOffset.UTC);
      default -> l;
    };
  }
}
