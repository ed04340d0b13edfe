package io.driftway.schemaevolution.row;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.UUID;

/** A {@link RowArray} backed by an array of boxed values; compares by value. */
public final class GenericArray implements RowArray {

  private static final GenericArray EMPTY = new GenericArray(new Object[0]);

  private final Object[] values;

  private GenericArray(Object[] values) {
    this.values = values;
  }

  /** An array of the given elements (copied). */
  public static GenericArray of(Object... values) {
    return values.length == 0 ? EMPTY : new GenericArray(values.clone());
  }

  /** An array over {@code values} without copying; the caller hands the array over. */
  public static GenericArray wrap(Object[] values) {
    return values.length == 0 ? EMPTY : new GenericArray(values);
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean isNullAt(int i) {
    return values[i] == null;
  }

  @Override
  public boolean getBoolean(int i) {
    return (Boolean) values[i];
  }

  @Override
  public int getInt(int i) {
    return (Integer) values[i];
  }

  @Override
  public long getLong(int i) {
    return (Long) values[i];
  }

  @Override
  public float getFloat(int i) {
    return (Float) values[i];
  }

  @Override
  public double getDouble(int i) {
    return (Double) values[i];
  }

  @Override
  public BigDecimal getDecimal(int i) {
    return (BigDecimal) values[i];
  }

  @Override
  public String getString(int i) {
    return Utf8Text.string(values[i]);
  }

  @Override
  public Utf8Text getUtf8(int i) {
    return Utf8Text.utf8(values[i]);
  }

  @Override
  public byte[] getBinary(int i) {
    return (byte[]) values[i];
  }

  @Override
  public UUID getUuid(int i) {
    return (UUID) values[i];
  }

  @Override
  public Row getRow(int i) {
    return (Row) values[i];
  }

  @Override
  public RowArray getArray(int i) {
    return (RowArray) values[i];
  }

  @Override
  public RowMap getMap(int i) {
    return (RowMap) values[i];
  }

  @Override
  public Object get(int i) {
    return Utf8Text.boxed(values[i]);
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof GenericArray that && Arrays.deepEquals(boxed(), that.boxed()));
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
