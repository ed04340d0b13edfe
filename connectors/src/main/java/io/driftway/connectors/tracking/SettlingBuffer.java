package io.driftway.connectors.tracking;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.row.Row;
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

  /**
   * A waiting record and the schema it was read with; {@code row} is its row when a provisional
   * reader read it for the table schema {@code rowSchema} (else both null).
   */
  record Waiting(RawRecord raw, StructType schema, Row row, StructType rowSchema) {

    Waiting(RawRecord raw, StructType schema) {
      this(raw, schema, null, null);
    }
  }

  /**
   * Holds {@code raw}, read with {@code schema}, for {@code table}; true when the buffer is full
   * and must settle now.
   */
  boolean add(String table, RawRecord raw, StructType schema) {
    StructType shared = schemas.computeIfAbsent(schema, s -> s);
    return add(table, new Waiting(raw, shared));
  }

  /**
   * Holds {@code raw}, already read as {@code row} of table schema {@code rowSchema} and standing
   * for a record of {@code schema} (one instance for all such records: not looked up again); true
   * when the buffer is full and must settle now.
   */
  boolean add(String table, RawRecord raw, StructType schema, Row row, StructType rowSchema) {
    return add(table, new Waiting(raw, schema, row, rowSchema));
  }

  private boolean add(String table, Waiting waiting) {
    RawRecord raw = waiting.raw();
    byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(waiting);
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
