package io.driftway.connectors.tracking;

import io.driftway.connectors.quarantine.Stage;
import io.driftway.connectors.source.RawRecord;
import io.driftway.connectors.tracking.SettlingBuffer.Waiting;
import io.driftway.schemaevolution.merge.Evolution;
import io.driftway.schemaevolution.merge.NewFieldHeldException;
import io.driftway.schemaevolution.merge.NewFieldRefusedException;
import io.driftway.schemaevolution.merge.SchemaEvolutionException;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
   * Makes {@code raw}, read as {@code record}, wait for the settle of {@code table}; settles at
   * once when the buffer is full (a backlog read under backpressure meets barriers late).
   */
  void add(String table, RawRecord raw, DynamicRecord record) {
    if (pending.add(table, raw, record.schema())) {
      flush();
    }
  }

  /** Settles every table with waiting records, in table-name order. */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    for (Map.Entry<String, List<Waiting>> waiting : pending.drain().entrySet()) {
      settle(waiting.getKey(), waiting.getValue());
    }
  }

  /** The most records held at once (tests check the bound with it). */
  int peakHeld() {
    return pending.peakRecords();
  }

  /**
   * Moves the schema of {@code tableName} once for {@code waiting}: each record's schema is checked
   * against the policy (held, refused and failing records leave first), the distinct schemas of the
   * rest are joined and the table evolves once from the catalog's current schema joined with this
   * subtask's view; then each record is written in the new schema. A producer that drifts sends one
   * new schema in thousands of records, so the policy is asked once per distinct schema and the
   * records are read again by the fast path compiled for the new schema; only a record that does
   * not fit it is read in full and conformed.
   */
  private void settle(String tableName, List<Waiting> waiting) {
    TableState table = views.refresh(views.get(tableName));
    List<Waiting> kept = new ArrayList<>(waiting.size());
    Set<StructType> schemas = new LinkedHashSet<>();
    for (Waiting next : waiting) {
      try {
        table.decide(next.schema());
      } catch (SchemaEvolutionException e) {
        refuse(next.raw(), table);
        continue;
      }
      kept.add(next);
      schemas.add(next.schema());
    }
    if (kept.isEmpty()) {
      return;
    }
    Evolution evolution;
    try {
      evolution = table.evolver.evolve(table.schema, schemas);
    } catch (SchemaEvolutionException e) {
      // Records that each fit but cannot be joined: one at a time, in arrival order.
      for (Waiting next : kept) {
        DynamicRecord record = decoding.decode(next.raw(), table);
        if (record != null) {
          trackNow(next.raw(), record, views.get(tableName));
        }
      }
      return;
    }
    if (evolution.schemaChanged() || !evolution.changes().isEmpty()) {
      RawRecord first = kept.get(0).raw();
      DynamicRecord firstRecord = decoding.decode(first, table);
      TableState before = table;
      if (evolution.schemaChanged()) {
        table = views.put(before.withSchema(evolution.after()));
      }
      if (firstRecord != null) {
        alerts.moved(before, table, evolution.changes(), first, firstRecord);
      }
    }
    for (Waiting next : kept) {
      if (conform.writeFast(next.raw(), table)) {
        continue;
      }
      DynamicRecord record = decoding.decode(next.raw(), table);
      if (record != null) {
        conform.conform(next.raw(), record, table);
      }
    }
  }

  /** A record whose schema the policy refuses as it stands: held, a stop, or quarantined. */
  private void refuse(RawRecord raw, TableState table) {
    DynamicRecord record = decoding.decode(raw, table);
    if (record == null) {
      return;
    }
    try {
      table.evolve(record);
      throw new IllegalStateException(
          "Cannot settle record: its schema fits the table on a second look: "
              + record.coordinates());
    } catch (NewFieldHeldException e) {
      held.hold(raw, record, table, e);
    } catch (NewFieldRefusedException e) {
      throw PolicyStop.of(table, e, record);
    } catch (SchemaEvolutionException e) {
      output.quarantine(
          raw, table.quarantineId, Stage.TRACK, e.getMessage(), e.getClass().getName());
    }
  }

  /** The record tracked on its own, its schema move made at once. */
  private void trackNow(RawRecord raw, DynamicRecord record, TableState table) {
    Evolution evolution;
    try {
      evolution = table.evolve(record);
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
