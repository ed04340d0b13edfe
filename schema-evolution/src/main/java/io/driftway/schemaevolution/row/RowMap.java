package io.driftway.schemaevolution.row;

/**
 * The entries of a map column as two parallel arrays, as Flink's {@code MapData}: {@code
 * keys().get(i)} maps to {@code values().get(i)}.
 */
public interface RowMap {

  /** The number of entries. */
  int size();

  /** The keys, never null. */
  RowArray keys();

  /** The values, in key order. */
  RowArray values();
}
