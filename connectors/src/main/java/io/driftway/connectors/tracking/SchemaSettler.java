package io.driftway.connectors.tracking;

import io.driftway.connectors.quarantine.Stage;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.merge.Evolution;
import io.driftway.schemaevolution.merge.NewFieldHeldException;
import io.driftway.schemaevolution.merge.NewFieldRefusedException;
import io.driftway.schemaevolution.merge.SchemaEvolutionException;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settles schema moves once per checkpoint: a record that would move its table's schema waits here,
 * and at the barrier (or the end of a bounded input, or when the {@link SettleBound} is reached)
 * the waiting records of each table are joined and move the table once, with one alert, before each
 * is conformed. The join is commutative and associative, so the arrival order inside the checkpoint
 * does not matter; a new field seen with incompatible types gets the first type in the documented
 * order. Used from the task thread only.
 */
final class SchemaSettler {

  private final SettlingBuffer pending;
  private final TableViews views;
  private final Decoding decoding;
  private final HeldRecords held;
  private final ConformStep conform;
  private final SchemaAlerts alerts;
  private final TrackingOutput output;

  SchemaSettler(
      SettleBound bound,
      TableViews views,
      Decoding decoding,
      HeldRecords held,
      ConformStep conform,
      SchemaAlerts alerts,
      TrackingOutput output) {
    this.pending = new SettlingBuffer(bound);
    this.views = views;
    this.decoding = decoding;
    this.held = held;
    this.conform = conform;
    this.alerts = alerts;
    this.output = output;
  }

  /**
   * Makes {@code raw} wait for the settle of {@code table}; settles at once when the buffer is full
   * (a backlog read under backpressure meets barriers late).
   */
  void add(String table, RawRecord raw) {
    if (pending.add(table, raw)) {
      flush();
    }
  }

  /** Settles every table with waiting records, in table-name order. */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    for (Map.Entry<String, List<RawRecord>> waiting : pending.drain().entrySet()) {
      settle(waiting.getKey(), waiting.getValue());
    }
  }

  /** The most records held at once (tests check the bound with it). */
  int peakHeld() {
    return pending.peakRecords();
  }

  /**
   * Moves the schema of {@code tableName} once for {@code raws}: each record is checked against the
   * policy on its own (held, refused and failing records leave first), the schemas of the rest are
   * joined and the table evolves once from the catalog's current schema joined with this subtask's
   * view; then each record is conformed.
   */
  private void settle(String tableName, List<RawRecord> raws) {
    TableState table = views.refresh(views.get(tableName));
    List<RawRecord> kept = new ArrayList<>(raws.size());
    List<DynamicRecord> records = new ArrayList<>(raws.size());
    List<StructType> schemas = new ArrayList<>(raws.size());
    for (RawRecord raw : raws) {
      DynamicRecord record = decoding.decode(raw, table);
      if (record == null) {
        continue;
      }
      try {
        table.evolver.evolve(table.schema, record);
      } catch (NewFieldHeldException e) {
        held.hold(raw, record, table, e);
        continue;
      } catch (NewFieldRefusedException e) {
        throw PolicyStop.of(table, e, record);
      } catch (SchemaEvolutionException e) {
        output.quarantine(
            raw, table.quarantineId, Stage.TRACK, e.getMessage(), e.getClass().getName());
        continue;
      }
      kept.add(raw);
      records.add(record);
      schemas.add(record.schema());
    }
    if (records.isEmpty()) {
      return;
    }
    Evolution evolution;
    try {
      evolution = table.evolver.evolve(table.schema, schemas);
    } catch (SchemaEvolutionException e) {
      // Records that each fit but cannot be joined: one at a time, in arrival order.
      for (int i = 0; i < records.size(); i++) {
        trackNow(kept.get(i), records.get(i), views.get(tableName));
      }
      return;
    }
    if (evolution.schemaChanged()) {
      TableState before = table;
      table = views.put(before.withSchema(evolution.after()));
      alerts.moved(before, table, evolution.changes(), kept.get(0), records.get(0));
    } else if (!evolution.changes().isEmpty()) {
      alerts.moved(table, table, evolution.changes(), kept.get(0), records.get(0));
    }
    for (int i = 0; i < records.size(); i++) {
      conform.conform(kept.get(i), records.get(i), table);
    }
  }

  /** The record tracked on its own, its schema move made at once. */
  private void trackNow(RawRecord raw, DynamicRecord record, TableState table) {
    Evolution evolution;
    try {
      evolution = table.evolver.evolve(table.schema, record);
    } catch (NewFieldHeldException e) {
      held.hold(raw, record, table, e);
      return;
    } catch (SchemaEvolutionException e) {
      output.quarantine(
          raw, table.quarantineId, Stage.TRACK, e.getMessage(), e.getClass().getName());
      return;
    }
    TableState current = table;
    if (evolution.schemaChanged()) {
      current = views.put(table.withSchema(evolution.after()));
      alerts.moved(table, current, evolution.changes(), raw, record);
    }
    conform.conform(raw, record, current);
  }
}
