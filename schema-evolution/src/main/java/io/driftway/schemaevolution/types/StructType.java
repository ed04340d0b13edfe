package io.driftway.schemaevolution.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

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

  /** Above this size lookups go through the hash index; below, a scan is cheaper. */
  private static final int INDEX_THRESHOLD = 8;

  private final Field[] fields;
  private final List<Field> fieldList;

  /**
   * Open-addressing index of positions + 1 by case-insensitive hash, or null for small structs.
   * Lookups run for every field of every record, so they must not allocate (no lower-casing).
   */
  private final int[] index;

  private int hash;

  private StructType(Field[] fields) {
    this.fields = fields;
    this.fieldList = Collections.unmodifiableList(Arrays.asList(fields));
    if (fields.length > INDEX_THRESHOLD) {
      int[] slots = new int[Integer.highestOneBit(fields.length * 4 - 1) << 1];
      int mask = slots.length - 1;
      for (int i = 0; i < fields.length; i++) {
        int slot = caseInsensitiveHash(fields[i].name()) & mask;
        while (slots[slot] != 0) {
          Field other = fields[slots[slot] - 1];
          if (other.name().equalsIgnoreCase(fields[i].name())) {
            throw duplicate(other.name(), fields[i].name());
          }
          slot = (slot + 1) & mask;
        }
        slots[slot] = i + 1;
      }
      this.index = slots;
    } else {
      for (int i = 0; i < fields.length; i++) {
        for (int j = 0; j < i; j++) {
          if (sameIgnoringCase(fields[i].name(), fields[j].name())) {
            throw duplicate(fields[j].name(), fields[i].name());
          }
        }
      }
      this.index = null;
    }
  }

  /** {@link String#equalsIgnoreCase}, with cheap exits first: this runs per field per record. */
  private static boolean sameIgnoringCase(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    if (a.isEmpty() || a.equals(b)) {
      return true;
    }
    char x = a.charAt(0);
    char y = b.charAt(0);
    if (x < 128 && y < 128 && (x | 0x20) != (y | 0x20)) {
      return false;
    }
    return a.equalsIgnoreCase(b);
  }

  /** A hash equal for any two names that {@link String#equalsIgnoreCase} finds equal. */
  private static int caseInsensitiveHash(String name) {
    int h = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 128) {
        // ASCII, the common case: fold A-Z without the Unicode tables.
        h = 31 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
      } else {
        h = 31 * h + Character.toLowerCase(Character.toUpperCase(c));
      }
    }
    return h ^ (h >>> 16);
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
      int mask = index.length - 1;
      int slot = caseInsensitiveHash(name) & mask;
      int entry;
      while ((entry = index[slot]) != 0) {
        if (sameIgnoringCase(fields[entry - 1].name(), name)) {
          return entry - 1;
        }
        slot = (slot + 1) & mask;
      }
      return -1;
    }
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equals(name)) {
        return i;
      }
    }
    for (int i = 0; i < fields.length; i++) {
      if (sameIgnoringCase(fields[i].name(), name)) {
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
