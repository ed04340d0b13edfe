package io.driftway.connectors.iceberg;

import io.driftway.connectors.iceberg.RowDataAdapter.Shape;
import io.driftway.schemaevolution.row.RowMap;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;

/** A schema-layer {@link RowMap} seen as Flink {@link MapData}; see {@link RowDataAdapter}. */
final class MapView implements MapData {

  private final RowMap map;
  private final Shape key;
  private final Shape value;

  MapView(RowMap map, Shape key, Shape value) {
    this.map = map;
    this.key = key;
    this.value = value;
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public ArrayData keyArray() {
    return new ArrayView(map.keys(), key);
  }

  @Override
  public ArrayData valueArray() {
    return new ArrayView(map.values(), value);
  }
}
