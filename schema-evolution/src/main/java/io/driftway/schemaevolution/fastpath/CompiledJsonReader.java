package io.driftway.schemaevolution.fastpath;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link JsonRowReader}: a tree of plans compiled from the table schema, run over the record's
 * UTF-8 bytes by a {@link JsonCursor} (no Jackson parser, no token stream). Each plan mirrors what
 * JSON inference followed by the general conform path does for that column, and gives up (returns
 * {@link #NO}) wherever the general path would change the schema, rescue, or quarantine, and
 * wherever the input is anything but plain, well-formed JSON in UTF-8: the general path, which
 * reads with Jackson, then decides.
 *
 * <p>Field names are matched on their bytes against the name the record's producer wrote next last
 * time; values are read straight from the bytes (see {@link JsonCursor}) with the scalar rules of
 * {@link JsonScalars}.
 */
final class CompiledJsonReader implements JsonRowReader {

  /** "Does not fit", distinct from a null value. */
  private static final Object NO = new Object();

  private final StructType table;
  private final JsonPlan.Struct root;
  private final Limits limits;
  private final boolean inferTimestamps;
  private final int maxDepth;

  CompiledJsonReader(StructType table, TablePolicy policy, InferenceOptions options) {
    this.table = table;
    this.limits = options.limits();
    this.inferTimestamps = options.inferTimestamps();
    this.maxDepth = Math.min(limits.maxNestingDepth(), JsonCursor.MAX_DEPTH);
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
    // No zero byte is ever accepted (it is not JSON outside a string, and a raw one inside a string
    // is a control character), so Jackson would read these bytes as UTF-8 too: its detection of
    // UTF-16 and UTF-32 needs a zero byte or their byte-order mark in the first four bytes.
    JsonCursor in = new JsonCursor(bytes, offset, offset + length);
    if (length >= 3
        && bytes[offset] == (byte) 0xEF
        && bytes[offset + 1] == (byte) 0xBB
        && bytes[offset + 2] == (byte) 0xBF) {
      // A UTF-8 byte-order mark, which Jackson skips.
      in.pos += 3;
    }
    if (in.skipWhitespace() != '{') {
      return null;
    }
    in.pos++;
    Object[] values = readStruct(in, root, 1);
    if (values == null || in.skipWhitespace() != JsonCursor.EOF) {
      return null;
    }
    return GenericRow.wrap(values);
  }

  /** Reads the object whose opening brace was just passed; null when it does not fit. */
  private Object[] readStruct(JsonCursor in, JsonPlan.Struct plan, int depth) {
    if (depth > maxDepth) {
      return null;
    }
    // A position holds a non-null value exactly when its field was read with one (no value read
    // is null), so the row itself records which fields were seen.
    Object[] out = new Object[plan.size];
    int count = 0;
    int predicted = plan.first;
    int previous = -1;
    int c = in.skipWhitespace();
    if (c == '}') {
      in.pos++;
      return finish(plan, out);
    }
    while (true) {
      if (c != '"') {
        return null;
      }
      in.pos++;
      int position;
      JsonCursor.Name guess = predicted >= 0 ? plan.predictable[predicted] : null;
      boolean guessed = guess != null && in.matchName(guess);
      if (guessed) {
        // The field the last record had next: matched on raw bytes, no name string at all.
        position = predicted;
      } else {
        String name = in.readString(JsonCursor.MAX_NAME_BYTES);
        if (name == null) {
          return null;
        }
        position = plan.names.find(name);
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
      if (in.skipWhitespace() != ':') {
        return null;
      }
      in.pos++;
      c = in.skipWhitespace();
      if (c == 'n') {
        // A null adds nothing: no column needed, nothing to rescue, unless it is required.
        if (!in.literal("null") || (position >= 0 && plan.required[position])) {
          return null;
        }
      } else {
        if (position < 0 || out[position] != null) {
          return null;
        }
        Object value = readValue(in, c, plan.columns[position], depth);
        if (value == NO) {
          return null;
        }
        out[position] = value;
      }
      c = in.skipWhitespace();
      if (c == ',') {
        in.pos++;
        c = in.skipWhitespace();
      } else if (c == '}') {
        in.pos++;
        return finish(plan, out);
      } else {
        return null;
      }
    }
  }

  private static Object[] finish(JsonPlan.Struct plan, Object[] out) {
    if (plan.anyRequired) {
      for (int i = 0; i < plan.size; i++) {
        if (plan.required[i] && out[i] == null) {
          return null;
        }
      }
    }
    return out;
  }

  /** Reads the non-null value starting with byte {@code c} at the cursor. */
  private Object readValue(JsonCursor in, int c, JsonPlan plan, int depth) {
    switch (plan.kind) {
      case SCALAR -> {
        if (plan.direct && !inferTimestamps) {
          return readDirect(in, c, plan.type);
        }
        Object value = readScalar(in, c, plan.expected);
        if (value == NO) {
          return NO;
        }
        Object fitted = Conversions.fit(value, plan.type);
        return fitted == Conversions.NO_FIT ? NO : fitted;
      }
      case STRUCT -> {
        if (c != '{') {
          return NO;
        }
        in.pos++;
        Object[] values = readStruct(in, plan.struct, depth + 1);
        return values == null ? NO : GenericRow.wrap(values);
      }
      case LIST -> {
        if (c != '[') {
          return NO;
        }
        in.pos++;
        return readList(in, plan, depth + 1);
      }
      case MAP -> {
        if (c != '{') {
          return NO;
        }
        in.pos++;
        return readMap(in, plan, depth + 1);
      }
      default -> {
        return NO;
      }
    }
  }

  /**
   * A scalar as {@link JsonScalars#read} reads it, or {@link #NO} for an object, an array or
   * anything malformed.
   */
  private Object readScalar(JsonCursor in, int c, DataType expected) {
    if (c == '"') {
      in.pos++;
      String text = in.readString(JsonCursor.MAX_STRING_BYTES);
      return text == null ? NO : JsonScalars.string(text, expected, inferTimestamps);
    }
    if (c == 't' || c == 'f') {
      boolean value = c == 't';
      return in.literal(value ? "true" : "false") ? JsonScalars.bool(value, expected) : NO;
    }
    if (!in.scanNumber()) {
      return NO;
    }
    String text = in.numberText();
    return in.isIntegral()
        ? JsonScalars.integer(text, expected)
        : JsonScalars.floating(text, expected);
  }

  /**
   * Reads a scalar straight into its column's row value, skipping the record value in between. It
   * gives exactly what {@link JsonScalars#read} followed by {@link Conversions#fit} gives, and is
   * used only where the plan proved that: no hint other than the column's own type, and no
   * timestamp inference.
   */
  private static Object readDirect(JsonCursor in, int c, DataType column) {
    switch (column.kind()) {
      case STRING -> {
        if (c != '"') {
          return NO;
        }
        in.pos++;
        // No string made: the row holds the input's bytes, which is what writers want.
        Object text = in.readText(JsonCursor.MAX_STRING_BYTES);
        return text == null ? NO : text;
      }
      case LONG -> {
        return in.scanNumber() && in.isIntegral() && in.fitsLong() ? (Object) in.longValue() : NO;
      }
      case DOUBLE -> {
        if (!in.scanNumber()) {
          return NO;
        }
        if (!in.isIntegral()) {
          return in.doubleValue();
        }
        if (!in.fitsLong()) {
          return NO;
        }
        long l = in.longValue();
        return Math.abs(l) <= (1L << 53) ? (Object) (double) l : NO;
      }
      case BOOLEAN -> {
        if (c == 't' || c == 'f') {
          boolean value = c == 't';
          return in.literal(value ? "true" : "false") ? (Object) value : NO;
        }
        return NO;
      }
      default -> {
        if (c != '"') {
          return NO;
        }
        in.pos++;
        String text = in.readString(JsonCursor.MAX_STRING_BYTES);
        if (text == null) {
          return NO;
        }
        Object fitted = Conversions.fit(text, column);
        return fitted == Conversions.NO_FIT ? NO : fitted;
      }
    }
  }

  /** Reads the array whose opening bracket was just passed. */
  private Object readList(JsonCursor in, JsonPlan plan, int depth) {
    if (depth > maxDepth) {
      return NO;
    }
    Object[] values = new Object[4];
    int size = 0;
    int c = in.skipWhitespace();
    if (c == ']') {
      in.pos++;
      return GenericArray.wrap(new Object[0]);
    }
    while (true) {
      Object value;
      if (c == 'n') {
        if (!in.literal("null") || !plan.optional) {
          return NO;
        }
        value = null;
      } else {
        value = readValue(in, c, plan.element, depth);
        if (value == NO) {
          return NO;
        }
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
      c = in.skipWhitespace();
      if (c == ',') {
        in.pos++;
        c = in.skipWhitespace();
      } else if (c == ']') {
        in.pos++;
        return GenericArray.wrap(size == values.length ? values : Arrays.copyOf(values, size));
      } else {
        return NO;
      }
    }
  }

  /** Reads the object (a map column) whose opening brace was just passed. */
  private Object readMap(JsonCursor in, JsonPlan plan, int depth) {
    if (depth > maxDepth) {
      return NO;
    }
    List<Object> keys = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    int c = in.skipWhitespace();
    if (c == '}') {
      in.pos++;
      return GenericMap.wrap(new Object[0], new Object[0]);
    }
    while (true) {
      if (c != '"') {
        return NO;
      }
      in.pos++;
      String name = in.readString(JsonCursor.MAX_NAME_BYTES);
      if (name == null || keys.size() >= limits.maxFieldsPerStruct()) {
        return NO;
      }
      Object key = Conversions.fromText(name, plan.key);
      if (key == Conversions.NO_FIT || !seen.add(key) || in.skipWhitespace() != ':') {
        return NO;
      }
      in.pos++;
      c = in.skipWhitespace();
      Object value;
      if (c == 'n') {
        if (!in.literal("null") || !plan.optional) {
          return NO;
        }
        value = null;
      } else {
        value = readValue(in, c, plan.element, depth);
        if (value == NO) {
          return NO;
        }
      }
      keys.add(key);
      values.add(value);
      c = in.skipWhitespace();
      if (c == ',') {
        in.pos++;
        c = in.skipWhitespace();
      } else if (c == '}') {
        in.pos++;
        return GenericMap.wrap(keys.toArray(), values.toArray());
      } else {
        return NO;
      }
    }
  }
}
