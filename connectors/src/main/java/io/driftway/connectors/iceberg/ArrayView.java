package io.driftway.connectors.iceberg;

import io.driftway.connectors.iceberg.RowDataAdapter.Conversion;
import io.driftway.connectors.iceberg.RowDataAdapter.Shape;
import io.driftway.schemaevolution.row.RowArray;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RawValueData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.types.variant.Variant;

/** A schema-layer {@link RowArray} seen as Flink {@link ArrayData}; see {@link RowDataAdapter}. */
final class ArrayView implements ArrayData {

  private final RowArray array;
  private final Shape element;

  ArrayView(RowArray array, Shape element) {
    this.array = array;
    this.element = element;
  }

  @Override
  public int size() {
    return array.size();
  }

  @Override
  public boolean isNullAt(int i) {
    return array.isNullAt(i);
  }

  @Override
  public boolean getBoolean(int i) {
    return array.getBoolean(i);
  }

  @Override
  public byte getByte(int i) {
    return (byte) array.getInt(i);
  }

  @Override
  public short getShort(int i) {
    return (short) array.getInt(i);
  }

  @Override
  public int getInt(int i) {
    return element.conversion == Conversion.TIME_MILLIS
        ? Values.microsToMillis(array.getLong(i))
        : array.getInt(i);
  }

  @Override
  public long getLong(int i) {
    return array.getLong(i);
  }

  @Override
  public float getFloat(int i) {
    return array.getFloat(i);
  }

  @Override
  public double getDouble(int i) {
    return array.getDouble(i);
  }

  @Override
  public StringData getString(int i) {
    return Values.utf8(array.getUtf8(i));
  }

  @Override
  public DecimalData getDecimal(int i, int precision, int scale) {
    return DecimalData.fromBigDecimal(array.getDecimal(i), precision, scale);
  }

  @Override
  public TimestampData getTimestamp(int i, int precision) {
    return Values.timestamp(array.getLong(i));
  }

  @Override
  public <T> RawValueData<T> getRawValue(int i) {
    throw new UnsupportedOperationException(
        "Cannot read element: no RAW types in Iceberg tables: " + i);
  }

  @Override
  public Variant getVariant(int i) {
    throw new UnsupportedOperationException(
        "Cannot read element: no VARIANT types in Driftway tables: " + i);
  }

  @Override
  public byte[] getBinary(int i) {
    return element.conversion == Conversion.UUID_BYTES
        ? Values.uuidBytes(array.getUuid(i))
        : array.getBinary(i);
  }

  @Override
  public ArrayData getArray(int i) {
    return new ArrayView(array.getArray(i), element.children[0]);
  }

  @Override
  public MapData getMap(int i) {
    return new MapView(array.getMap(i), element.children[0], element.children[1]);
  }

  @Override
  public RowData getRow(int i, int numFields) {
    return new RowView(array.getRow(i), element.children);
  }

  @Override
  public boolean[] toBooleanArray() {
    boolean[] out = new boolean[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = getBoolean(i);
    }
    return out;
  }

  @Override
  public byte[] toByteArray() {
    byte[] out = new byte[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = getByte(i);
    }
    return out;
  }

  @Override
  public short[] toShortArray() {
    short[] out = new short[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = getShort(i);
    }
    return out;
  }

  @Override
  public int[] toIntArray() {
    int[] out = new int[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = getInt(i);
    }
    return out;
  }

  @Override
  public long[] toLongArray() {
    long[] out = new long[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = getLong(i);
    }
    return out;
  }

  @Override
  public float[] toFloatArray() {
    float[] out = new float[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = getFloat(i);
    }
    return out;
  }

  @Override
  public double[] toDoubleArray() {
    double[] out = new double[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = getDouble(i);
    }
    return out;
  }
}
