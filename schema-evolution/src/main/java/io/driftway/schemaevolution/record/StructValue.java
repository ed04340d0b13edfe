package io.driftway.schemaevolution.record;

import io.driftway.schemaevolution.types.DataType;
import java.util.Arrays;
import java.util.Objects;

/**
 * The values of one object of a dynamic record, in input order, each with its name as spelled and
 * the type inferred for it. Duplicate keys are kept (the conform step writes the first and rescues
 * the others), so nothing the input carried is lost.
 *
 * <p>Values are: {@code null}, {@link Boolean}, {@link Integer}, {@link Long}, {@link Float},
 * {@link Double}, {@link java.math.BigDecimal}, {@link String}, {@code byte[]}, {@link
 * java.time.LocalDate}, {@link java.time.LocalTime}, {@link java.time.LocalDateTime} (timestamp),
 * {@link java.time.OffsetDateTime} (timestamptz), {@link java.util.UUID}, {@link StructValue},
 * {@link java.util.List} and {@link java.util.Map}.
 *
 * <pre>{@code
 * StructValue order = StructValue.builder()
 *     .add("id", 7L, PrimitiveType.LONG)
 *     .add("note", "gift", PrimitiveType.STRING)
 *     .build();
 * }</pre>
 */
public final class StructValue {

  // The arrays may be longer than size: a builder hands them over without trimming.
  private final String[] names;
  private final Object[] values;
  private final DataType[] types;
  private final String[] texts;
  private final int size;

  private StructValue(String[] names, Object[] values, DataType[] types, String[] texts, int size) {
    this.names = names;
    this.values = values;
    this.types = types;
    this.texts = texts;
    this.size = size;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder(16);
  }

  /** A builder sized for {@code expectedFields}. */
  public static Builder builder(int expectedFields) {
    return new Builder(Math.max(1, expectedFields));
  }

  /** The number of entries, duplicates included. */
  public int size() {
    return size;
  }

  /** The name of entry {@code i} as spelled in the input. */
  public String name(int i) {
    return names[i];
  }

  /** The value of entry {@code i}. */
  public Object value(int i) {
    return values[i];
  }

  /** The inferred type of entry {@code i}. */
  public DataType type(int i) {
    return types[i];
  }

  /**
   * The original text of entry {@code i} when the input was text and the value was parsed from it
   * (CSV cells), or null. Rescued data keeps this text.
   */
  public String text(int i) {
    return texts == null ? null : texts[i];
  }

  /** The value of the first entry named {@code name} (ignoring case), or null. */
  public Object get(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof StructValue that
            && size == that.size
            && Arrays.equals(names, 0, size, that.names, 0, size)
            && Arrays.deepEquals(Arrays.copyOf(values, size), Arrays.copyOf(that.values, that.size))
            && Arrays.equals(types, 0, size, that.types, 0, size));
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(Arrays.copyOf(names, size)),
        Arrays.deepHashCode(Arrays.copyOf(values, size)));
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      out.append(i > 0 ? ", " : "").append(names[i]).append('=');
      Object value = values[i];
      out.append(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value));
    }
    return out.append('}').toString();
  }

  /** Builds a {@link StructValue}. Not thread-safe; one use. */
  public static final class Builder {
    private String[] names;
    private Object[] values;
    private DataType[] types;
    private String[] texts;
    private int size;

    private Builder(int capacity) {
      names = new String[capacity];
      values = new Object[capacity];
      types = new DataType[capacity];
    }

    /** Appends an entry. */
    public Builder add(String name, Object value, DataType type) {
      if (size == names.length) {
        int capacity = size * 2;
        names = Arrays.copyOf(names, capacity);
        values = Arrays.copyOf(values, capacity);
        types = Arrays.copyOf(types, capacity);
        if (texts != null) {
          texts = Arrays.copyOf(texts, capacity);
        }
      }
      names[size] = Objects.requireNonNull(name, "name");
      values[size] = value;
      types[size] = Objects.requireNonNull(type, "type");
      size++;
      return this;
    }

    /** Appends an entry parsed from {@code text}. */
    public Builder add(String name, Object value, DataType type, String text) {
      add(name, value, type);
      if (texts == null) {
        texts = new String[names.length];
      }
      texts[size - 1] = text;
      return this;
    }

    /** The number of entries so far. */
    public int size() {
      return size;
    }

    /** Builds the value, handing the arrays over; the builder must not be used afterwards. */
    public StructValue build() {
      return new StructValue(names, values, types, texts, size);
    }
  }
}
