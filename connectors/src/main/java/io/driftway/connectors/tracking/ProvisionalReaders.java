package io.driftway.connectors.tracking;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.fastpath.FastPath;
import io.driftway.schemaevolution.fastpath.JsonRowReader;
import io.driftway.schemaevolution.merge.Evolution;
import io.driftway.schemaevolution.merge.SchemaEvolutionException;
import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fast readers for the schemas a table would move to, so the records that follow a drift wait for
 * their settle without being read in full. After a drift a producer sends the new shape in every
 * record until the checkpoint; the first such record is inferred and decides the move (the
 * provisional schema); those after it that the fast path compiled for that schema reads are kept as
 * rows, standing for the record schema that made it (they cannot move the table further: the fast
 * path reads only what the schema holds as it is). At the settle such a row is written as it is
 * when the table ends at that schema, and read again otherwise.
 *
 * <p>At most {@link #PER_TABLE} schemas per table, compiled against the table state they move from;
 * forgotten when that state is replaced and at every settle. Task thread only.
 */
final class ProvisionalReaders {

  /** Provisional schemas kept per table: producers that drift in several shapes at once. */
  static final int PER_TABLE = 4;

  private final Map<String, List<Provisional>> byTable = new HashMap<>();

  /**
   * A schema {@code base} would move to for records of schema {@code recordSchema}, and its fast
   * reader.
   */
  record Provisional(
      TableState base, StructType recordSchema, StructType schema, JsonRowReader reader) {}

  /** A waiting record read by a provisional reader. */
  record Fit(Provisional provisional, Row row) {}

  /**
   * {@code raw} read by one of {@code table}'s provisional readers, or null when none reads it (or
   * it is not plain JSON).
   */
  Fit read(TableState table, RawRecord raw) {
    List<Provisional> known = byTable.get(table.name);
    if (known == null || raw.value() == null || !Decoding.isPlainJson(raw)) {
      return null;
    }
    if (known.get(0).base() != table) {
      byTable.remove(table.name);
      return null;
    }
    for (Provisional provisional : known) {
      Row row = provisional.reader().read(raw.value());
      if (row != null) {
        return new Fit(provisional, row);
      }
    }
    return null;
  }

  /**
   * Compiles a reader for the schema a record of {@code recordSchema} moves {@code table} to,
   * unless the table is not read as JSON, the record does not move it, that schema has a reader
   * already, or the table has {@link #PER_TABLE}.
   */
  void learn(TableState table, StructType recordSchema) {
    if (table.fastJson == null) {
      return;
    }
    Evolution evolution;
    try {
      evolution = table.decide(recordSchema);
    } catch (SchemaEvolutionException e) {
      return;
    }
    if (!evolution.schemaChanged()) {
      return;
    }
    List<Provisional> known = byTable.computeIfAbsent(table.name, name -> new ArrayList<>());
    if (!known.isEmpty() && known.get(0).base() != table) {
      known.clear();
    }
    StructType schema = evolution.after();
    if (known.size() >= PER_TABLE || known.stream().anyMatch(p -> p.schema().equals(schema))) {
      return;
    }
    known.add(
        new Provisional(
            table, recordSchema, schema, FastPath.json(schema, table.policy, table.inference)));
  }

  /** Forgets every provisional schema: the tables are about to settle. */
  void clear() {
    byTable.clear();
  }
}
