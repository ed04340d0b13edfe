package io.driftway.schemaevolution.row;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A record conformed to a table schema: one position per table column, in the table's order, the
 * rescued-data column included. Both the fast path and the general path produce rows.
 *
 * <p>Representations (Iceberg's internal ones): {@code date} is days since 1970-01-01 ({@link
 * #getInt}); {@code time} is microseconds of the day, {@code timestamp} and {@code timestamptz}
 * microseconds since 1970-01-01T00:00 (UTC for {@code timestamptz}) ({@link #getLong}); {@code
 * decimal} a {@link BigDecimal} with the column's scale; {@code binary} a {@code byte[]}; {@code
 * uuid} a {@link UUID}; nested structs, lists and maps are {@link Row}, {@link RowArray} and {@link
 * RowMap}. A getter is only called for a non-null position of the matching type.
 *
 * <p><b>Adapting to Flink.</b> This interface mirrors Flink's {@code RowData}/{@code
 * ArrayData}/{@code MapData} on purpose: {@code connectors/} wraps a row in a {@code RowData} whose
 * getters delegate position by position — {@code getString} hands the bytes of {@link #getUtf8} to
 * {@code StringData.fromBytes} (the JSON fast path's rows hold the record's own UTF-8, so no string
 * is made or encoded), {@code getDecimal} with {@code DecimalData.fromBigDecimal}, {@code
 * getTimestamp} splits the microseconds into {@code TimestampData.fromEpochMillis(millis,
 * nanosOfMilli)}, nested rows, arrays and maps are wrapped the same way — so no value is copied and
 * no second row is built.
 *
 * <pre>{@code
 * Row row = reader.read(bytes);
 * long id = row.getLong(0);
 * String note = row.isNullAt(1) ? null : row.getString(1);
 * }</pre>
 */
public interface Row {

  /** The number of positions. */
  int arity();

  /** True when the position holds null. */
  boolean isNullAt(int pos);

  /** A {@code boolean}. */
  boolean getBoolean(int pos);

  /** An {@code int}, or a {@code date} as days since the epoch. */
  int getInt(int pos);

  /**
   * A {@code long}, a {@code time} as microseconds of the day, or a {@code timestamp}/{@code
   * timestamptz} as microseconds since the epoch.
   */
  long getLong(int pos);

  /** A {@code float}. */
  float getFloat(int pos);

  /** A {@code double}. */
  double getDouble(int pos);

  /** A {@code decimal}, with the column's scale. */
  BigDecimal getDecimal(int pos);

  /** A {@code string}. */
  String getString(int pos);

  /**
   * A {@code string} as UTF-8, without decoding it where the position holds UTF-8 already (as the
   * JSON fast path's rows do); the bytes are shared, read only.
   */
  default Utf8Text getUtf8(int pos) {
    return Utf8Text.of(getString(pos));
  }

  /** A {@code binary}. */
  byte[] getBinary(int pos);

  /** A {@code uuid}. */
  UUID getUuid(int pos);

  /** A nested struct. */
  Row getRow(int pos);

  /** A list. */
  RowArray getArray(int pos);

  /** A map. */
  RowMap getMap(int pos);

  /** The value boxed, or null: for generic code and tests. */
  Object get(int pos);
}
