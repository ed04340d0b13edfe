package io.driftway.schemaevolution.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of uniquely named fields. Names are unique case-insensitively: a struct can never
 * hold both {@code userId} and {@code userid}, because Glue, Athena and Hive could not tell them
 * apart.
 *
 * <pre>{@code
 * StructType order = StructType.of(Field.optional("id", PrimitiveType.LONG));
 * Field id = order.field("ID"); // case-insensitive lookup
 * }</pre>
 */
public final class StructType implements DataType {

  private static final StructType EMPTY = new StructType(new Field[0]);

  /** Above this size lookups go through a hash map; below, a scan is cheaper than hashing. */
  private static final int INDEX_THRESHOLD = 12;

  private final Field[] fields;
  private final List<Field> fieldList;
  private final Map<String, Integer> index;
  private int hash;

  private StructType(Field[] fields) {
    this.fields = fields;
    this.fieldList = Collections.unmodifiableList(Arrays.asList(fields));
    if (fields.length > INDEX_THRESHOLD) {
      Map<String, Integer> byName = new HashMap<>(fields.length * 2);
      for (int i = 0; i < fields.length; i++) {
        Integer previous = byName.put(FieldNames.key(fields[i].name()), i);
        if (previous != null) {
          throw duplicate(fields[previous].name(), fields[i].name());
        }
      }
      this.index = byName;
    } else {
      for (int i = 0; i < fields.length; i++) {
        for (int j = 0; j < i; j++) {
          if (fields[i].name().equalsIgnoreCase(fields[j].name())) {
            throw duplicate(fields[j].name(), fields[i].name());
          }
        }
      }
      this.index = null;
    }
  }

  private static IllegalArgumentException duplicate(String first, String second) {
    return new IllegalArgumentException(
        "Cannot create struct: field names must differ ignoring case: "
            + first
            + (first.equals(second) ? "" : ", " + second));
  }

  /** A struct of the given fields, in order. */
  public static StructType of(Field... fields) {
    return fields.length == 0 ? EMPTY : new StructType(fields.clone());
  }

  /** A struct of the given fields, in order. */
  public static StructType of(List<Field> fields) {
    return fields.isEmpty() ? EMPTY : new StructType(fields.toArray(new Field[0]));
  }

  /** The struct with no fields. */
  public static StructType empty() {
    return EMPTY;
  }

  /** The fields, in order; unmodifiable. */
  public List<Field> fields() {
    return fieldList;
  }

  /** The number of fields. */
  public int size() {
    return fields.length;
  }

  /** The field at {@code position}. */
  public Field field(int position) {
    return fields[position];
  }

  /** The position of the field named {@code name} ignoring case, or -1. */
  public int indexOf(String name) {
    if (index != null) {
      Integer position = index.get(FieldNames.key(name));
      return position == null ? -1 : position;
    }
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The field named {@code name} ignoring case, or null. */
  public Field field(String name) {
    int position = indexOf(name);
    return position < 0 ? null : fields[position];
  }

  /** This struct with {@code field} appended. */
  public StructType with(Field field) {
    List<Field> copy = new ArrayList<>(fieldList);
    copy.add(field);
    return of(copy);
  }

  @Override
  public TypeKind kind() {
    return TypeKind.STRUCT;
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof StructType that && Arrays.equals(fields, that.fields));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(fields) * 31 + 7;
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("struct<");
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(fields[i]);
    }
    return out.append('>').toString();
  }
}
