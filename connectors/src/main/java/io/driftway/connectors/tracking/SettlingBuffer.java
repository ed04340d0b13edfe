package io.driftway.connectors.tracking;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records a settling tracker holds until their tables' schemas settle, per table in arrival
 * order, tables in name order (one settle order). It counts what it holds against a {@link
 * SettleBound}, so a backlog read under backpressure, where barriers come late, cannot grow it
 * without limit: {@link #add} says when the bound is reached and the caller settles at once.
 * Nothing is kept in Flink state: the tracker empties it before every checkpoint barrier.
 *
 * <p>Each record waits with the schema it was read with, so the settle decides per distinct schema
 * instead of reading every record again; equal schemas are kept as one instance.
 */
final class SettlingBuffer {

  private final SettleBound bound;
  private final Map<String, List<Waiting>> byTable = new TreeMap<>();
  private final Map<StructType, StructType> schemas = new HashMap<>();
  private int records;
  private long bytes;
  private int peakRecords;

  SettlingBuffer(SettleBound bound) {
    this.bound = bound;
  }

  /** A waiting record and the schema it was read with. */
  record Waiting(RawRecord raw, StructType schema) {}

  /**
   * Holds {@code raw}, read with {@code schema}, for {@code table}; true when the buffer is full
   * and must settle now.
   */
  boolean add(String table, RawRecord raw, StructType schema) {
    StructType shared = schemas.computeIfAbsent(schema, s -> s);
    byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(new Waiting(raw, shared));
    records++;
    bytes += raw.value() == null ? 0 : raw.value().length;
    peakRecords = Math.max(peakRecords, records);
    return records >= bound.maxRecords() || bytes >= bound.maxBytes();
  }

  boolean isEmpty() {
    return records == 0;
  }

  /** Everything held, by table in name order, each in arrival order; the buffer is empty after. */
  Map<String, List<Waiting>> drain() {
    Map<String, List<Waiting>> held = new TreeMap<>(byTable);
    byTable.clear();
    schemas.clear();
    records = 0;
    bytes = 0;
    return held;
  }

  /** Records held now. */
  int records() {
    return records;
  }

  /** Bytes of raw values held now. */
  long bytes() {
    return bytes;
  }

  /** The most records held at once since this buffer was made (tests check the bound with it). */
  int peakRecords() {
    return peakRecords;
  }
}
