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
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
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
  private final StructPlan root;
  private final Limits limits;
  private final boolean inferTimestamps;

  JacksonJsonReader(StructType table, TablePolicy policy, InferenceOptions options) {
    this.table = table;
    this.limits = options.limits();
    this.inferTimestamps = options.inferTimestamps();
    PathTrie.Cursor<DataType> hints = options.hints().isEmpty() ? null : options.hints().cursor();
    this.root = new StructPlan(table, FieldPath.root(), hints, null, policy, true);
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

  private Object[] readStruct(JsonParser parser, StructPlan plan, int depth) throws IOException {
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
      boolean guessed = predicted >= 0 && parser.nextFieldName(plan.quoted[predicted]);
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

  private Object readValue(JsonParser parser, JsonToken token, Plan plan, int depth)
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

  private Object readList(JsonParser parser, Plan plan, int depth) throws IOException {
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

  private Object readMap(JsonParser parser, Plan plan, int depth) throws IOException {
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

  private enum Kind {
    SCALAR,
    STRUCT,
    LIST,
    MAP,
    /** A column the fast path never fills: split by type, or the rescued-data column. */
    NEVER
  }

  /** How one column (or element, or map value) is read. */
  private static final class Plan {
    private final Kind kind;
    private final DataType type;
    private final DataType expected;
    private final StructPlan struct;
    private final Plan element;
    private final DataType key;
    private final boolean optional;
    private final boolean direct;

    private Plan(
        Kind kind,
        DataType type,
        DataType expected,
        StructPlan struct,
        Plan element,
        DataType key,
        boolean optional) {
      this.kind = kind;
      this.type = type;
      this.expected = expected;
      this.struct = struct;
      this.element = element;
      this.key = key;
      this.optional = optional;
      this.direct = kind == Kind.SCALAR && isDirect(type, expected);
    }

    /** True where {@link #readDirect} reads exactly as inference and conform would. */
    private static boolean isDirect(DataType type, DataType expected) {
      return switch (type.kind()) {
        case STRING, LONG, DOUBLE, BOOLEAN -> expected == null;
        case DATE, TIME, TIMESTAMP, TIMESTAMPTZ, UUID -> expected == null || expected.equals(type);
        default -> false;
      };
    }

    static Plan never() {
      return new Plan(Kind.NEVER, null, null, null, null, null, true);
    }

    /**
     * The plan of a column of {@code type} at {@code path}; {@code cursor} and {@code expected}
     * follow the schema hints exactly as JSON inference does, so scalars read the same way.
     */
    static Plan of(
        DataType type,
        FieldPath path,
        PathTrie.Cursor<DataType> cursor,
        DataType expected,
        TablePolicy policy) {
      return switch (type.kind()) {
        case STRUCT ->
            new Plan(
                Kind.STRUCT,
                type,
                expected,
                new StructPlan(
                    (StructType) type,
                    path,
                    cursor,
                    expected instanceof StructType s ? s : null,
                    policy,
                    false),
                null,
                null,
                true);
        case LIST -> {
          ListType list = (ListType) type;
          PathTrie.Cursor<DataType> child = cursor == null ? null : cursor.element();
          DataType childExpected =
              hintOr(child, expected instanceof ListType l ? l.element() : null);
          yield new Plan(
              Kind.LIST,
              type,
              expected,
              null,
              of(list.element(), path.element(), child, childExpected, policy),
              null,
              list.elementOptional());
        }
        case MAP -> {
          MapType map = (MapType) type;
          PathTrie.Cursor<DataType> child = cursor == null ? null : cursor.element();
          DataType childExpected = hintOr(child, expected instanceof MapType m ? m.value() : null);
          yield new Plan(
              Kind.MAP,
              type,
              expected,
              null,
              of(map.value(), path.value(), child, childExpected, policy),
              map.key(),
              map.valueOptional());
        }
        case CHOICE, NULL -> never();
        default -> new Plan(Kind.SCALAR, type, expected, null, null, null, true);
      };
    }

    private static DataType hintOr(PathTrie.Cursor<DataType> cursor, DataType fallback) {
      return cursor != null && cursor.value() != null ? cursor.value() : fallback;
    }
  }

  /** The plan of a struct: names to positions, and one plan per column. */
  private static final class StructPlan {
    private final int size;
    private final NameTable names;
    private final SerializedString[] quoted;
    private final Plan[] columns;
    private final boolean[] required;
    private final boolean anyRequired;

    /*
     * The field order of the records seen so far: the first field's position, and for each
     * position the one that followed it. Producers write fields in a stable order, so the next
     * name is usually predicted and matched on its bytes. It is only a guess: threads sharing the
     * reader may overwrite each other's guesses (int writes are atomic), which costs a lookup,
     * never a wrong row, because a match is always checked against the input.
     */
    private int first = -1;
    private final int[] next;

    void learn(int previous, int position) {
      if (previous < 0) {
        if (first != position) {
          first = position;
        }
      } else if (next[previous] != position) {
        next[previous] = position;
      }
    }

    StructPlan(
        StructType type,
        FieldPath path,
        PathTrie.Cursor<DataType> cursor,
        StructType expected,
        TablePolicy policy,
        boolean root) {
      this.size = type.size();
      this.columns = new Plan[size];
      this.required = new boolean[size];
      this.quoted = new SerializedString[size];
      this.next = new int[size];
      Arrays.fill(next, -1);
      for (int i = 0; i < size; i++) {
        quoted[i] = new SerializedString(type.field(i).name());
      }
      String[] keys = new String[size];
      for (int i = 0; i < size; i++) {
        Field field = type.field(i);
        FieldPath child = path.child(field.name());
        keys[i] = field.name();
        required[i] = !field.optional();
        boolean rescued = root && field.name().equalsIgnoreCase(policy.rescuedColumn());
        if (rescued || policy.splitAction(child) != null) {
          columns[i] = Plan.never();
          continue;
        }
        PathTrie.Cursor<DataType> childCursor = cursor == null ? null : cursor.field(field.name());
        DataType childExpected =
            childCursor != null && childCursor.value() != null ? childCursor.value() : null;
        if (childExpected == null && expected != null) {
          Field hinted = expected.field(field.name());
          childExpected = hinted == null ? null : hinted.type();
        }
        columns[i] = Plan.of(field.type(), child, childCursor, childExpected, policy);
      }
      this.names = new NameTable(keys);
      boolean any = false;
      for (boolean r : required) {
        any |= r;
      }
      this.anyRequired = any;
    }
  }
}
