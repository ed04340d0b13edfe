package io.driftway.schemaevolution.row;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The elements of a list column, with the same representations as {@link Row}. Mirrors Flink's
 * {@code ArrayData} for adapting without copying.
 */
public interface RowArray {

  /** The number of elements. */
  int size();

  /** True when the element is null. */
  boolean isNullAt(int i);

  /** A {@code boolean}. */
  boolean getBoolean(int i);

  /** An {@code int} or a {@code date}. */
  int getInt(int i);

  /** A {@code long}, {@code time}, {@code timestamp} or {@code timestamptz}. */
  long getLong(int i);

  /** A {@code float}. */
  float getFloat(int i);

  /** A {@code double}. */
  double getDouble(int i);

  /** A {@code decimal}. */
  BigDecimal getDecimal(int i);

  /** A {@code string}. */
  String getString(int i);

  /**
   * A {@code string} as UTF-8, without decoding it where the element holds UTF-8 already (as the
   * JSON fast path's rows do); the bytes are shared, read only.
   */
  default Utf8Text getUtf8(int i) {
    return Utf8Text.of(getString(i));
  }

  /** A {@code binary}. */
  byte[] getBinary(int i);

  /** A {@code uuid}. */
  UUID getUuid(int i);

  /** A struct element. */
  Row getRow(int i);

  /** A list element. */
  RowArray getArray(int i);

  /** A map element. */
  RowMap getMap(int i);

  /** The element boxed, or null. */
  Object get(int i);
}
