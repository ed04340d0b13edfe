package io.driftway.schemaevolution.fastpath;

import io.driftway.schemaevolution.policy.PathTrie;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How the JSON fast path reads one column (or list element, or map value): compiled once from the
 * table schema, the policy and the schema hints, following the hints exactly as JSON inference
 * does, so the reader reads every scalar the way the general path would. A {@link Struct} holds a
 * struct's columns, their names, and the field order records of one producer keep.
 */
final class JsonPlan {

  enum Kind {
    SCALAR,
    STRUCT,
    LIST,
    MAP,
    /** A column the fast path never fills: split by type, or the rescued-data column. */
    NEVER
  }

  final Kind kind;
  final DataType type;
  final DataType expected;
  final Struct struct;
  final JsonPlan element;
  final DataType key;
  final boolean optional;
  final boolean direct;

  private JsonPlan(
      Kind kind,
      DataType type,
      DataType expected,
      Struct struct,
      JsonPlan element,
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

  /**
   * True where the reader may read the value straight into the column, as inference and conform
   * would.
   */
  private static boolean isDirect(DataType type, DataType expected) {
    return switch (type.kind()) {
      case STRING, LONG, DOUBLE, BOOLEAN -> expected == null;
      case DATE, TIME, TIMESTAMP, TIMESTAMPTZ, UUID -> expected == null || expected.equals(type);
      default -> false;
    };
  }

  static JsonPlan never() {
    return new JsonPlan(Kind.NEVER, null, null, null, null, null, true);
  }

  /**
   * The plan of a column of {@code type} at {@code path}; {@code cursor} and {@code expected}
   * follow the schema hints exactly as JSON inference does, so scalars read the same way.
   */
  static JsonPlan of(
      DataType type,
      FieldPath path,
      PathTrie.Cursor<DataType> cursor,
      DataType expected,
      TablePolicy policy) {
    return switch (type.kind()) {
      case STRUCT ->
          new JsonPlan(
              Kind.STRUCT,
              type,
              expected,
              new Struct(
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
        DataType childExpected = hintOr(child, expected instanceof ListType l ? l.element() : null);
        yield new JsonPlan(
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
        yield new JsonPlan(
            Kind.MAP,
            type,
            expected,
            null,
            of(map.value(), path.value(), child, childExpected, policy),
            map.key(),
            map.valueOptional());
      }
      case CHOICE, NULL -> never();
      default -> new JsonPlan(Kind.SCALAR, type, expected, null, null, null, true);
    };
  }

  private static DataType hintOr(PathTrie.Cursor<DataType> cursor, DataType fallback) {
    return cursor != null && cursor.value() != null ? cursor.value() : fallback;
  }

  /** The plan of a struct: names to positions, and one plan per column. */
  static final class Struct {
    final int size;
    final NameTable names;

    /** The column names, in order. */
    final String[] keys;

    /** Each column's name in UTF-8, or null where its bytes cannot be matched raw. */
    final JsonCursor.Name[] predictable;

    final JsonPlan[] columns;
    final boolean[] required;
    final boolean anyRequired;

    /*
     * The field order of the records seen so far: the first field's position, and for each
     * position the one that followed it. Producers write fields in a stable order, so the next
     * name is usually predicted and matched on its bytes. It is only a guess: threads sharing the
     * reader may overwrite each other's guesses (int writes are atomic), which costs a lookup,
     * never a wrong row, because a match is always checked against the input.
     */
    int first = -1;
    final int[] next;

    void learn(int previous, int position) {
      if (previous < 0) {
        if (first != position) {
          first = position;
        }
      } else if (next[previous] != position) {
        next[previous] = position;
      }
    }

    Struct(
        StructType type,
        FieldPath path,
        PathTrie.Cursor<DataType> cursor,
        StructType expected,
        TablePolicy policy,
        boolean root) {
      this.size = type.size();
      this.columns = new JsonPlan[size];
      this.required = new boolean[size];
      this.predictable = new JsonCursor.Name[size];
      this.next = new int[size];
      Arrays.fill(next, -1);
      for (int i = 0; i < size; i++) {
        predictable[i] = matchable(type.field(i).name());
      }
      String[] keys = new String[size];
      for (int i = 0; i < size; i++) {
        Field field = type.field(i);
        FieldPath child = path.child(field.name());
        keys[i] = field.name();
        required[i] = !field.optional();
        boolean rescued = root && field.name().equalsIgnoreCase(policy.rescuedColumn());
        if (rescued || policy.splitAction(child) != null) {
          columns[i] = JsonPlan.never();
          continue;
        }
        PathTrie.Cursor<DataType> childCursor = cursor == null ? null : cursor.field(field.name());
        DataType childExpected =
            childCursor != null && childCursor.value() != null ? childCursor.value() : null;
        if (childExpected == null && expected != null) {
          Field hinted = expected.field(field.name());
          childExpected = hinted == null ? null : hinted.type();
        }
        columns[i] = JsonPlan.of(field.type(), child, childCursor, childExpected, policy);
      }
      this.names = new NameTable(keys);
      this.keys = keys;
      boolean any = false;
      for (boolean r : required) {
        any |= r;
      }
      this.anyRequired = any;
    }

    /**
     * The name's UTF-8 bytes when a record can only spell it as exactly those bytes between quotes:
     * no quote, backslash or control character (which JSON escapes) and no lone surrogate (which
     * UTF-8 cannot carry); else null, and such a name is always decoded and looked up.
     */
    private static JsonCursor.Name matchable(String name) {
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
          return null;
        }
      }
      return JsonCursor.Name.of(name.getBytes(StandardCharsets.UTF_8));
    }
  }
}
