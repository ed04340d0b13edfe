package io.driftway.connectors.tracking;

import io.driftway.connectors.registry.DecodedAvroRecord;
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
 * <p>Once a record of a table was read here, the next of the table is likely the new shape too, so
 * it is tried here first ({@link #first}) and the reader that read last first: a record of the new
 * shape then costs one read, not a failed read for the table's schema before this one. A record of
 * the old shape read here waits for the settle like the others; every {@link #PROBE_EVERY}-th
 * record tries the table's schema first, and one that fits it there goes back to the table's order
 * ({@link #fitted}).
 *
 * <p>JSON records are read by the JSON fast path compiled for the provisional schema; Confluent
 * Avro records are decoded once and read by the Avro fast path compiled for it. At most {@link
 * #PER_TABLE} schemas per table, compiled against the table state they move from; forgotten when
 * that state is replaced and at every settle. Task thread only.
 */
final class ProvisionalReaders {

  /** Provisional schemas kept per table: producers that drift in several shapes at once. */
  static final int PER_TABLE = 4;

  /**
   * How often a record of a table read here last tries the table's own schema first, so a stream
   * mixing old and new shapes goes back to writing the old shape at once.
   */
  static final int PROBE_EVERY = 64;

  private final Map<String, Drift> byTable = new HashMap<>();
  private final Decoding decoding;

  /** Readers that decode Avro records with {@code decoding} (null: JSON records only). */
  ProvisionalReaders(Decoding decoding) {
    this.decoding = decoding;
  }

  /** A table's provisional schemas, the one that read last first, and its run of reads here. */
  private static final class Drift {
    final List<Provisional> known = new ArrayList<>();
    int run;
  }

  /**
   * A schema {@code base} would move to for records of schema {@code recordSchema}, and its fast
   * reader: {@code json} for a JSON table, {@code avro} for a Confluent Avro one.
   */
  record Provisional(
      TableState base,
      StructType recordSchema,
      StructType schema,
      JsonRowReader json,
      AvroReaders avro) {

    Row read(RawRecord raw, DecodedAvroRecord decoded) {
      if (json != null) {
        return json.read(raw.value());
      }
      return decoded == null ? null : avro.read(decoded);
    }
  }

  /** A waiting record read by a provisional reader. */
  record Fit(Provisional provisional, Row row) {}

  /**
   * {@code raw} read by one of {@code table}'s provisional readers, or null when none reads it (or
   * it is neither plain JSON nor Avro that decodes).
   */
  Fit read(TableState table, RawRecord raw) {
    Drift drift = byTable.get(table.name);
    if (drift == null || raw.value() == null) {
      return null;
    }
    List<Provisional> known = drift.known;
    if (known.get(0).base() != table) {
      byTable.remove(table.name);
      return null;
    }
    DecodedAvroRecord decoded = null;
    if (table.fastAvro != null) {
      decoded = decoding.decodeAvro(raw, table);
      if (decoded == null) {
        return null;
      }
    } else if (!Decoding.isPlainJson(raw)) {
      return null;
    }
    for (int i = 0; i < known.size(); i++) {
      Provisional provisional = known.get(i);
      Row row = provisional.read(raw, decoded);
      if (row != null) {
        if (i > 0) {
          known.add(0, known.remove(i));
        }
        drift.run++;
        return new Fit(provisional, row);
      }
    }
    return null;
  }

  /**
   * Whether {@code table}'s next record is tried here before the table's own schema: the last one
   * was read here, and it is not a probe's turn.
   */
  boolean first(TableState table) {
    if (byTable.isEmpty()) {
      return false;
    }
    Drift drift = byTable.get(table.name);
    return drift != null && drift.run % PROBE_EVERY != 0;
  }

  /** A record of {@code table} fitted the table's own schema: its next is tried there first. */
  void fitted(TableState table) {
    if (byTable.isEmpty()) {
      return;
    }
    Drift drift = byTable.get(table.name);
    if (drift != null) {
      drift.run = 0;
    }
  }

  /**
   * Compiles a reader for the schema a record of {@code recordSchema} moves {@code table} to,
   * unless the table has no fast path (neither JSON nor Confluent Avro), the record does not move
   * it, that schema has a reader already, or the table has {@link #PER_TABLE}.
   */
  void learn(TableState table, StructType recordSchema) {
    if (table.fastJson == null && (table.fastAvro == null || decoding == null)) {
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
    Drift drift = byTable.computeIfAbsent(table.name, name -> new Drift());
    List<Provisional> known = drift.known;
    if (!known.isEmpty() && known.get(0).base() != table) {
      known.clear();
      drift.run = 0;
    }
    StructType schema = evolution.after();
    if (known.size() >= PER_TABLE || known.stream().anyMatch(p -> p.schema().equals(schema))) {
      return;
    }
    known.add(
        table.fastJson != null
            ? new Provisional(
                table,
                recordSchema,
                schema,
                FastPath.json(schema, table.policy, table.inference),
                null)
            : new Provisional(
                table, recordSchema, schema, null, new AvroReaders(schema, table.policy)));
  }

  /** Forgets every provisional schema: the tables are about to settle. */
  void clear() {
    byTable.clear();
  }
}
