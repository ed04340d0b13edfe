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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
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
    StructValue values;
    try {
      values = record(input, 1, FieldPath.root());
    } catch (InvalidText e) {
      throw RecordRejectedException.malformed(
          "Avro", "invalid UTF-8 in a string at " + e.path, coordinates, null);
    }
    return new DynamicRecord(values, schema, coordinates, sizeBytes);
  }

  /**
   * Why records of {@code writer} cannot become rows (a recursive record has no table form), or
   * null when they can.
   */
  String unusable(Schema writer) {
    try {
      typeOf(writer);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** Unwinds to {@link #infer} with the path of a string that is not UTF-8; no stack trace. */
  private static final class InvalidText extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    InvalidText(FieldPath path) {
      super(null, null, false, false);
      this.path = path.pointer();
    }
  }

  /**
   * {@code text} as a string. Avro's reader keeps a string's bytes as they came, and Java would
   * replace invalid ones with U+FFFD: a value the producer never sent, so the record is refused.
   */
  private static String text(Object text, FieldPath path) {
    String string = AvroValues.text(text);
    if (string == null) {
      throw new InvalidText(path);
    }
    return string;
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

  private static Schema branch(Schema schema, Object value) {
    return AvroValues.branch(schema, value);
  }

  private Object value(Object value, Schema schema, int depth, FieldPath path) {
    if (value == null) {
      return null;
    }
    switch (schema.getType()) {
      case UNION -> {
        return value(value, branch(schema, value), depth, path);
      }
      case RECORD -> {
        if (AvroSchemas.isChoiceWrapper(schema)) {
          Schema inner = schema.getFields().get(0).schema();
          return value(((GenericRecord) value).get(0), inner, depth, path);
        }
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
              text(entry.getKey(), path),
              value(v, branch(valueSchema, v), depth + 1, path.value()));
        }
        return out;
      }
      case STRING -> {
        return value instanceof CharSequence chars && schema.getLogicalType() == null
            ? text(chars, path)
            : AvroValues.scalar(value, schema);
      }
      default -> {
        return AvroValues.scalar(value, schema);
      }
    }
  }
}
