package io.driftway.schemaevolution.fastpath;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.JsonScalars;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.PathTrie;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.row.GenericArray;
import io.driftway.schemaevolution.row.GenericMap;
import io.driftway.schemaevolution.row.GenericRow;
import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.values.Conversions;
import io.driftway.schemaevolution.values.JsonValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fast path as it was before it scanned bytes itself: the same plans, read through Jackson's
 * streaming parser. Kept only as the oracle of {@link ByteScanningPropertiesTest}: the byte reader
 * must agree with it on every record it accepts, and accept what it accepted in the common cases.
 */
final class JacksonJsonReader implements JsonRowReader {

  /** "Does not fit", distinct from a null value. */
  private static final Object NO = new Object();

  private final StructType table;
  private final JsonPlan.Struct root;
  private final Limits limits;
  private final boolean inferTimestamps;

  JacksonJsonReader(StructType table, TablePolicy policy, InferenceOptions options) {
    this.table = table;
    this.limits = options.limits();
    this.inferTimestamps = options.inferTimestamps();
    PathTrie.Cursor<DataType> hints = options.hints().isEmpty() ? null : options.hints().cursor();
    this.root = new JsonPlan.Struct(table, FieldPath.root(), hints, null, policy, true);
  }

  @Override
  public StructType tableSchema() {
    return table;
  }

  @Override
  public Row read(byte[] bytes, int offset, int length) {
    if (length > limits.maxRecordBytes()) {
      return null;
    }
    try (JsonParser parser = JsonValues.FACTORY.createParser(bytes, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Object[] values = readStruct(parser, root, 1);
      if (values == null || parser.nextToken() != null) {
        return null;
      }
      return GenericRow.wrap(values);
    } catch (IOException e) {
      // Malformed (bytes in memory have no I/O to fail): the general path quarantines it with
      // the parser's message.
      return null;
    }
  }

  private Object[] readStruct(JsonParser parser, JsonPlan.Struct plan, int depth)
      throws IOException {
    if (depth > limits.maxNestingDepth()) {
      return null;
    }
    Object[] out = new Object[plan.size];
    boolean[] seen = new boolean[plan.size];
    int count = 0;
    int predicted = plan.first;
    int previous = -1;
    while (true) {
      int position;
      boolean guessed =
          predicted >= 0 && parser.nextFieldName(new SerializedString(plan.keys[predicted]));
      if (guessed) {
        // The field the last record had next: matched on raw bytes, no name string at all.
        position = predicted;
      } else {
        if (predicted < 0
            ? parser.nextToken() != JsonToken.FIELD_NAME
            : !parser.hasToken(JsonToken.FIELD_NAME)) {
          break;
        }
        position = plan.names.find(parser.currentName());
      }
      if (++count > limits.maxFieldsPerStruct()) {
        return null;
      }
      if (position >= 0) {
        if (!guessed) {
          plan.learn(previous, position);
        }
        predicted = plan.next[position];
        previous = position;
      } else {
        // An unknown field (usually a null the table has no column for): expect what came next.
        predicted = previous >= 0 ? plan.next[previous] : plan.first;
      }
      JsonToken token = parser.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        // A null adds nothing: no column needed, nothing to rescue, unless it is required.
        if (position >= 0 && plan.required[position]) {
          return null;
        }
        continue;
      }
      if (position < 0 || seen[position]) {
        return null;
      }
      seen[position] = true;
      Object value = readValue(parser, token, plan.columns[position], depth);
      if (value == NO) {
        return null;
      }
      out[position] = value;
    }
    if (plan.anyRequired) {
      for (int i = 0; i < plan.size; i++) {
        if (plan.required[i] && !seen[i]) {
          return null;
        }
      }
    }
    return out;
  }

  private Object readValue(JsonParser parser, JsonToken token, JsonPlan plan, int depth)
      throws IOException {
    switch (plan.kind) {
      case SCALAR -> {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          return NO;
        }
        if (plan.direct && !inferTimestamps) {
          return readDirect(parser, token, plan.type);
        }
        Object value = JsonScalars.read(parser, token, plan.expected, inferTimestamps);
        Object fitted = Conversions.fit(value, plan.type);
        return fitted == Conversions.NO_FIT ? NO : fitted;
      }
      case STRUCT -> {
        if (token != JsonToken.START_OBJECT) {
          return NO;
        }
        Object[] values = readStruct(parser, plan.struct, depth + 1);
        return values == null ? NO : GenericRow.wrap(values);
      }
      case LIST -> {
        return token == JsonToken.START_ARRAY ? readList(parser, plan, depth + 1) : NO;
      }
      case MAP -> {
        return token == JsonToken.START_OBJECT ? readMap(parser, plan, depth + 1) : NO;
      }
      default -> {
        return NO;
      }
    }
  }

  /**
   * Reads a scalar straight into its column's row value, skipping the record value in between. It
   * gives exactly what {@link JsonScalars#read} followed by {@link Conversions#fit} gives, and is
   * used only where the plan proved that: no hint other than the column's own type, and no
   * timestamp inference.
   */
  private static Object readDirect(JsonParser parser, JsonToken token, DataType column)
      throws IOException {
    switch (column.kind()) {
      case STRING -> {
        return token == JsonToken.VALUE_STRING ? parser.getText() : NO;
      }
      case LONG -> {
        return token == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
            ? (Object) parser.getLongValue()
            : NO;
      }
      case DOUBLE -> {
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
          return parser.getDoubleValue();
        }
        if (token == JsonToken.VALUE_NUMBER_INT
            && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          long l = parser.getLongValue();
          return Math.abs(l) <= (1L << 53) ? (Object) (double) l : NO;
        }
        return NO;
      }
      case BOOLEAN -> {
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
          return Boolean.valueOf(token == JsonToken.VALUE_TRUE);
        }
        return NO;
      }
      default -> {
        if (token != JsonToken.VALUE_STRING) {
          return NO;
        }
        Object fitted = Conversions.fit(parser.getText(), column);
        return fitted == Conversions.NO_FIT ? NO : fitted;
      }
    }
  }

  private Object readList(JsonParser parser, JsonPlan plan, int depth) throws IOException {
    if (depth > limits.maxNestingDepth()) {
      return NO;
    }
    Object[] values = new Object[4];
    int size = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      Object value;
      if (token == JsonToken.VALUE_NULL) {
        if (!plan.optional) {
          return NO;
        }
        value = null;
      } else {
        value = readValue(parser, token, plan.element, depth);
        if (value == NO) {
          return NO;
        }
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }
    return GenericArray.wrap(size == values.length ? values : Arrays.copyOf(values, size));
  }

  private Object readMap(JsonParser parser, JsonPlan plan, int depth) throws IOException {
    if (depth > limits.maxNestingDepth()) {
      return NO;
    }
    List<Object> keys = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    String name;
    while ((name = parser.nextFieldName()) != null) {
      if (keys.size() >= limits.maxFieldsPerStruct()) {
        return NO;
      }
      Object key = Conversions.fromText(name, plan.key);
      if (key == Conversions.NO_FIT || !seen.add(key)) {
        return NO;
      }
      JsonToken token = parser.nextToken();
      Object value;
      if (token == JsonToken.VALUE_NULL) {
        if (!plan.optional) {
          return NO;
        }
        value = null;
      } else {
        value = readValue(parser, token, plan.element, depth);
        if (value == NO) {
          return NO;
        }
      }
      keys.add(key);
      values.add(value);
    }
    return GenericMap.wrap(keys.toArray(), values.toArray());
  }
}
