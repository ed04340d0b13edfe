package io.driftway.schemaevolution.infer;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.driftway.schemaevolution.merge.SchemaJoin;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.PathTrie;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.record.StructValue;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeKind;
import io.driftway.schemaevolution.values.Conversions;
import io.driftway.schemaevolution.values.JsonValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * JSON inference with Jackson's streaming parser: no tree is built. Integers are {@code long}
 * (integers beyond a long are {@code decimal(P,0)} up to 38 digits, then their text as a string),
 * other numbers {@code double}, strings {@code string} (unless hinted, or timestamp inference is
 * on: then ISO-8601 text is a date or timestamp, and an integer in a field named like a point in
 * time is epoch milliseconds, see {@link EpochMillis}). A present, non-null value makes a required
 * field; a null makes an optional field of type {@code null}.
 */
final class JsonInferrer implements RecordInferrer<byte[]> {

  /**
   * Jackson's advice to enable a read feature, e.g. {@code : enable `JsonReadFeature...` to allow}.
   */
  private static final Pattern ADVICE = Pattern.compile(": enable `[^`]*` to allow");

  /** Where Jackson's limit comes from, e.g. {@code , from `StreamReadConstraints...`)}. */
  private static final Pattern CONSTANT = Pattern.compile(", from `[^`]*`\\)");

  private final InferenceOptions options;
  private final Limits limits;
  private final PathTrie.Cursor<DataType> hints;

  JsonInferrer(InferenceOptions options) {
    this.options = options;
    this.limits = options.limits();
    this.hints = options.hints().isEmpty() ? null : options.hints().cursor();
  }

  @Override
  public DynamicRecord infer(byte[] input, SourceCoordinates coordinates) {
    return infer(input, 0, input.length, coordinates);
  }

  /** Reads the record in {@code input[offset, offset + length)}. */
  DynamicRecord infer(byte[] input, int offset, int length, SourceCoordinates coordinates) {
    if (length > limits.maxRecordBytes()) {
      throw RecordRejectedException.overLimit(
          Limits.MAX_RECORD_BYTES, "record size", length, limits.maxRecordBytes(), "");
    }
    try (JsonParser parser = JsonValues.FACTORY.createParser(input, offset, length)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw RecordRejectedException.malformed(
            "JSON", "expected an object, got " + describe(first), coordinates, null);
      }
      Reader reader = new Reader(parser);
      StructValue values;
      try {
        values = reader.readObject(1, hints, null);
      } catch (OverLimit e) {
        throw e.toRejection();
      }
      StructType schema = (StructType) reader.type;
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw RecordRejectedException.malformed(
            "JSON", "unexpected " + describe(trailing) + " after the object", coordinates, null);
      }
      return new DynamicRecord(values, schema, coordinates, length);
    } catch (JsonProcessingException e) {
      throw RecordRejectedException.malformed("JSON", reason(e), coordinates, e);
    } catch (IOException e) {
      // Bytes in memory have no I/O to fail: this is the input's encoding (binary data that
      // Jackson's detection took for UTF-32, for one), so it is the record's fault.
      throw RecordRejectedException.malformed("JSON", e.getMessage(), coordinates, e);
    }
  }

  /**
   * The parser's message without its advice to the parser's own programmer (enable a Jackson
   * feature, which a pipeline cannot) or the name of the constant behind a limit.
   */
  static String reason(JsonProcessingException e) {
    String message = ADVICE.matcher(e.getOriginalMessage()).replaceAll("");
    message = CONSTANT.matcher(message).replaceAll(")");
    return message.startsWith("Non-standard token")
        ? message + " (JSON has no NaN or Infinity)"
        : message;
  }

  private static String describe(JsonToken token) {
    return token == null
        ? "end of input"
        : token.asString() == null ? token.name() : token.asString();
  }

  /** Unwinds to the top with the path of a limit breach; cheap: no stack trace. */
  static final class OverLimit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String limit;
    private final String what;
    private final long actual;
    private final long bound;
    private final List<String> segments = new ArrayList<>();

    OverLimit(String limit, String what, long actual, long bound) {
      super(limit, null, false, false);
      this.limit = limit;
      this.what = what;
      this.actual = actual;
      this.bound = bound;
    }

    OverLimit at(String segment) {
      segments.add(segment);
      return this;
    }

    RecordRejectedException toRejection() {
      List<String> outermostFirst = new ArrayList<>(segments.size());
      for (int i = segments.size() - 1; i >= 0; i--) {
        outermostFirst.add(segments.get(i));
      }
      return RecordRejectedException.overLimit(
          limit, what, actual, bound, FieldPath.of(outermostFirst).pointer());
    }
  }

  private final class Reader {
    private final JsonParser parser;
    private final SchemaJoin join = SchemaJoin.standard();

    /** The type of the value read last: a second return value without allocating a pair. */
    private DataType type;

    Reader(JsonParser parser) {
      this.parser = parser;
    }

    StructValue readObject(int depth, PathTrie.Cursor<DataType> cursor, StructType expected)
        throws IOException {
      if (depth > limits.maxNestingDepth()) {
        throw new OverLimit(
            Limits.MAX_NESTING_DEPTH, "nesting depth", depth, limits.maxNestingDepth());
      }
      StructValue.Builder values = StructValue.builder();
      List<Field> fields = new ArrayList<>();
      String name;
      while ((name = parser.nextFieldName()) != null) {
        if (values.size() >= limits.maxFieldsPerStruct()) {
          throw new OverLimit(
                  Limits.MAX_FIELDS_PER_STRUCT,
                  "field count",
                  values.size() + 1L,
                  limits.maxFieldsPerStruct())
              .at(name);
        }
        PathTrie.Cursor<DataType> child = cursor == null ? null : cursor.field(name);
        DataType childExpected = child != null && child.value() != null ? child.value() : null;
        if (childExpected == null && expected != null) {
          Field field = expected.field(name);
          childExpected = field == null ? null : field.type();
        }
        Object value;
        JsonToken token = parser.nextToken();
        if (childExpected == null
            && token == JsonToken.VALUE_NUMBER_INT
            && options.inferTimestamps()
            && EpochMillis.applies(name, parser)) {
          type = PrimitiveType.TIMESTAMPTZ;
          value = Conversions.recordValue(parser.getLongValue() * 1000L, type);
        } else {
          try {
            value = readValue(token, depth, child, childExpected);
          } catch (OverLimit e) {
            throw e.at(name);
          }
        }
        values.add(name, value, type);
        fields.add(new Field(name, type, type.kind() == TypeKind.NULL));
      }
      type = structOf(fields);
      return values.build();
    }

    /** The struct of the fields; a repeated key (rare) keeps only its first occurrence's type. */
    private StructType structOf(List<Field> fields) {
      try {
        return StructType.of(fields);
      } catch (IllegalArgumentException duplicateKey) {
        List<Field> unique = new ArrayList<>(fields.size());
        for (Field field : fields) {
          if (!containsName(unique, field.name())) {
            unique.add(field);
          }
        }
        return StructType.of(unique);
      }
    }

    private boolean containsName(List<Field> fields, String name) {
      for (int i = 0, n = fields.size(); i < n; i++) {
        if (fields.get(i).name().equalsIgnoreCase(name)) {
          return true;
        }
      }
      return false;
    }

    private StructValue readMap(int depth, PathTrie.Cursor<DataType> cursor, MapType map)
        throws IOException {
      if (depth > limits.maxNestingDepth()) {
        throw new OverLimit(
            Limits.MAX_NESTING_DEPTH, "nesting depth", depth, limits.maxNestingDepth());
      }
      // Entries stay a StructValue, duplicates included: conform rescues a repeated key.
      StructValue.Builder values = StructValue.builder();
      DataType valueType = PrimitiveType.NULL;
      boolean optional = false;
      PathTrie.Cursor<DataType> child = cursor == null ? null : cursor.element();
      DataType valueExpected = child != null && child.value() != null ? child.value() : map.value();
      String name;
      while ((name = parser.nextFieldName()) != null) {
        if (values.size() >= limits.maxFieldsPerStruct()) {
          throw new OverLimit(
                  Limits.MAX_FIELDS_PER_STRUCT,
                  "field count",
                  values.size() + 1L,
                  limits.maxFieldsPerStruct())
              .at(name);
        }
        Object value;
        try {
          value = readValue(parser.nextToken(), depth, child, valueExpected);
        } catch (OverLimit e) {
          throw e.at(name);
        }
        values.add(name, value, type);
        optional |= value == null;
        valueType = join.join(valueType, type);
      }
      type = new MapType(PrimitiveType.STRING, valueType, optional);
      return values.build();
    }

    private List<Object> readArray(int depth, PathTrie.Cursor<DataType> cursor, ListType expected)
        throws IOException {
      if (depth > limits.maxNestingDepth()) {
        throw new OverLimit(
            Limits.MAX_NESTING_DEPTH, "nesting depth", depth, limits.maxNestingDepth());
      }
      List<Object> values = new ArrayList<>();
      DataType elementType = PrimitiveType.NULL;
      boolean optional = false;
      PathTrie.Cursor<DataType> child = cursor == null ? null : cursor.element();
      DataType elementExpected =
          child != null && child.value() != null
              ? child.value()
              : expected == null ? null : expected.element();
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        Object value;
        try {
          value = readValue(token, depth, child, elementExpected);
        } catch (OverLimit e) {
          throw e.at(Integer.toString(values.size()));
        }
        values.add(value);
        optional |= value == null;
        elementType = join.join(elementType, type);
      }
      type = new ListType(elementType, optional);
      return values;
    }

    private Object readValue(
        JsonToken token, int depth, PathTrie.Cursor<DataType> cursor, DataType expected)
        throws IOException {
      return switch (token) {
        case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
          Object value = JsonScalars.read(parser, token, expected, options.inferTimestamps());
          type = JsonScalars.typeOf(value, expected);
          yield value;
        }
        case VALUE_NULL -> {
          type = PrimitiveType.NULL;
          yield null;
        }
        case START_OBJECT ->
            expected instanceof MapType map
                ? readMap(depth + 1, cursor, map)
                : readObject(
                    depth + 1, cursor, expected instanceof StructType struct ? struct : null);
        case START_ARRAY ->
            readArray(depth + 1, cursor, expected instanceof ListType list ? list : null);
        default -> throw new JsonParseException(parser, "unexpected token " + token);
      };
    }
  }
}
