package io.driftway.schemaevolution.row;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.UUID;

/**
 * A {@link Row} backed by an array of boxed values. Rows compare by value (deeply, byte arrays
 * included), so a test can check that two paths made the same row.
 *
 * <pre>{@code
 * Row row = GenericRow.of(7L, "gift", null);
 * }</pre>
 */
public final class GenericRow implements Row {

  private final Object[] values;

  private GenericRow(Object[] values) {
    this.values = values;
  }

  /** A row of the given values (copied). */
  public static GenericRow of(Object... values) {
    return new GenericRow(values.clone());
  }

  /**
   * A row over {@code values} without copying; the caller hands the array over and must not change
   * it afterwards.
   */
  public static GenericRow wrap(Object[] values) {
    return new GenericRow(values);
  }

  @Override
  public int arity() {
    return values.length;
  }

  @Override
  public boolean isNullAt(int pos) {
    return values[pos] == null;
  }

  @Override
  public boolean getBoolean(int pos) {
    return (Boolean) values[pos];
  }

  @Override
  public int getInt(int pos) {
    return (Integer) values[pos];
  }

  @Override
  public long getLong(int pos) {
    return (Long) values[pos];
  }

  @Override
  public float getFloat(int pos) {
    return (Float) values[pos];
  }

  @Override
  public double getDouble(int pos) {
    return (Double) values[pos];
  }

  @Override
  public BigDecimal getDecimal(int pos) {
    return (BigDecimal) values[pos];
  }

  @Override
  public String getString(int pos) {
    return Utf8Text.string(values[pos]);
  }

  @Override
  public Utf8Text getUtf8(int pos) {
    return Utf8Text.utf8(values[pos]);
  }

  @Override
  public byte[] getBinary(int pos) {
    return (byte[]) values[pos];
  }

  @Override
  public UUID getUuid(int pos) {
    return (UUID) values[pos];
  }

  @Override
  public Row getRow(int pos) {
    return (Row) values[pos];
  }

  @Override
  public RowArray getArray(int pos) {
    return (RowArray) values[pos];
  }

  @Override
  public RowMap getMap(int pos) {
    return (RowMap) values[pos];
  }

  @Override
  public Object get(int pos) {
    return Utf8Text.boxed(values[pos]);
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof GenericRow that && Arrays.deepEquals(boxed(), that.boxed()));
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(boxed());
  }

  @Override
  public String toString() {
    return Arrays.deepToString(boxed());
  }

  /** The values as {@link #get} gives them: a text held as UTF-8 compares as its string. */
  private Object[] boxed() {
    Object[] boxed = values;
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof Utf8Text) {
        if (boxed == values) {
          boxed = values.clone();
        }
        boxed[i] = Utf8Text.boxed(values[i]);
      }
    }
    return boxed;
  }
}
