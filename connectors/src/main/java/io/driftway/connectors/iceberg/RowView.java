package io.driftway.connectors.iceberg;

import io.driftway.connectors.iceberg.RowDataAdapter.Conversion;
import io.driftway.connectors.iceberg.RowDataAdapter.Shape;
import io.driftway.schemaevolution.row.Row;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RawValueData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.types.RowKind;
import org.apache.flink.types.variant.Variant;

/** A schema-layer {@link Row} seen as Flink {@link RowData}; see {@link RowDataAdapter}. */
final class RowView implements RowData {

  private final Row row;
  private final Shape[] shapes;
  private RowKind kind = RowKind.INSERT;

  RowView(Row row, Shape[] shapes) {
    this.row = row;
    this.shapes = shapes;
  }

  /** The row this view presents. */
  Row row() {
    return row;
  }

  @Override
  public int getArity() {
    return row.arity();
  }

  @Override
  public RowKind getRowKind() {
    return kind;
  }

  @Override
  public void setRowKind(RowKind kind) {
    this.kind = kind;
  }

  @Override
  public boolean isNullAt(int pos) {
    return row.isNullAt(pos);
  }

  @Override
  public boolean getBoolean(int pos) {
    return row.getBoolean(pos);
  }

  @Override
  public byte getByte(int pos) {
    return (byte) row.getInt(pos);
  }

  @Override
  public short getShort(int pos) {
    return (short) row.getInt(pos);
  }

  @Override
  public int getInt(int pos) {
    return shapes[pos].conversion == Conversion.TIME_MILLIS
        ? Values.microsToMillis(row.getLong(pos))
        : row.getInt(pos);
  }

  @Override
  public long getLong(int pos) {
    return row.getLong(pos);
  }

  @Override
  public float getFloat(int pos) {
    return row.getFloat(pos);
  }

  @Override
  public double getDouble(int pos) {
    return row.getDouble(pos);
  }

  @Override
  public StringData getString(int pos) {
    return Values.utf8(row.getUtf8(pos));
  }

  @Override
  public DecimalData getDecimal(int pos, int precision, int scale) {
    return DecimalData.fromBigDecimal(row.getDecimal(pos), precision, scale);
  }

  @Override
  public TimestampData getTimestamp(int pos, int precision) {
    return Values.timestamp(row.getLong(pos));
  }

  @Override
  public <T> RawValueData<T> getRawValue(int pos) {
    throw new UnsupportedOperationException(
        "Cannot read column: no RAW types in Iceberg tables: " + pos);
  }

  @Override
  public byte[] getBinary(int pos) {
    return shapes[pos].conversion == Conversion.UUID_BYTES
        ? Values.uuidBytes(row.getUuid(pos))
        : row.getBinary(pos);
  }

  @Override
  public ArrayData getArray(int pos) {
    return new ArrayView(row.getArray(pos), shapes[pos].children[0]);
  }

  @Override
  public MapData getMap(int pos) {
    Shape map = shapes[pos];
    var value = row.getMap(pos);
    return new MapView(value, map.children[0], map.children[1]);
  }

  @Override
  public RowData getRow(int pos, int numFields) {
    return new RowView(row.getRow(pos), shapes[pos].children);
  }

  @Override
  public Variant getVariant(int pos) {
    throw new UnsupportedOperationException(
        "Cannot read column: no VARIANT types in Driftway tables: " + pos);
  }
}
