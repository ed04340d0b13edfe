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
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settles schema moves once per checkpoint: a record that would move its table's schema waits here,
 * and at the barrier (or the end of a bounded input, or when the {@link SettleBound} is reached)
 * the waiting records of each table are joined and move the table once, with one alert, before each
 * is conformed. The join is commutative and associative, so the arrival order inside the checkpoint
 * does not matter; a new field seen with incompatible types gets the first type in the documented
 * order. The operator meets the other subtasks between {@link #prepare} and {@link #apply} (see
 * {@link SettleCoordinator}); at the bound, or without a coordinator, {@link #flush} settles on
 * this subtask alone. Used from the task thread only.
 */
final class SchemaSettler {

  private final SettlingBuffer pending;
  private final ProvisionalReaders provisional;
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
    this.provisional = new ProvisionalReaders(decoding);
    this.held = held;
    this.conform = conform;
    this.alerts = alerts;
    this.output = output;
  }

  /**
   * Makes {@code raw}, read as {@code record}, wait for the settle of {@code table}; settles at
   * once when the buffer is full (a backlog read under backpressure meets barriers late).
   */
  void add(TableState table, RawRecord raw, DynamicRecord record) {
    boolean full = pending.add(table.settings.name(), raw, record.schema());
    provisional.learn(table, record.schema());
    if (full) {
      flush();
    }
  }

  /**
   * Makes {@code raw} wait for the settle of {@code table} when a provisional reader reads it (see
   * {@link ProvisionalReaders}): true when it waits, false when it must be read in full.
   */
  boolean addIfProvisional(TableState table, RawRecord raw) {
    ProvisionalReaders.Fit fit = provisional.read(table, raw);
    if (fit == null) {
      return false;
    }
    ProvisionalReaders.Provisional read = fit.provisional();
    if (pending.add(table.settings.name(), raw, read.recordSchema(), fit.row(), read.schema())) {
      flush();
    }
    return true;
  }

  /**
   * Whether {@code table}'s next record is tried with {@link #addIfProvisional} before the table's
   * fast path (see {@link ProvisionalReaders#first}).
   */
  boolean provisionalFirst(TableState table) {
    return provisional.first(table);
  }

  /** A record of {@code table} fitted the table's schema as it is. */
  void fitted(TableState table) {
    provisional.fitted(table);
  }

  /**
   * Settles every table with waiting records, in table-name order, on this subtask's own: when the
   * buffer is full, or without a coordinator.
   */
  void flush() {
    if (!pending.isEmpty()) {
      apply(prepare(), Map.of());
    }
  }

  /**
   * Takes out every record waiting for the next settle, in arrival order per table, to be tracked
   * again: once a settle has moved their tables, most of them fit as they are.
   */
  List<RawRecord> takeWaiting() {
    provisional.clear();
    List<RawRecord> raws = new ArrayList<>();
    for (List<Waiting> waiting : pending.drain().values()) {
      waiting.forEach(next -> raws.add(next.raw()));
    }
    return raws;
  }

  /** The most records held at once (tests check the bound with it). */
  int peakHeld() {
    return pending.peakRecords();
  }

  /**
   * Takes the waiting records out of the buffer and readies them for the move of their tables: each
   * table's view is joined with the catalog and each record's schema is checked against the policy
   * (held, refused and failing records leave now); what is left, and the distinct record schemas
   * that would move each table, are the proposal this subtask brings to the meeting with the
   * others.
   */
  Prepared prepare() {
    provisional.clear();
    Map<String, Batch> batches = new TreeMap<>();
    for (Map.Entry<String, List<Waiting>> waiting : pending.drain().entrySet()) {
      Batch batch = prepare(waiting.getKey(), waiting.getValue());
      if (!batch.kept.isEmpty()) {
        batches.put(waiting.getKey(), batch);
      }
    }
    return new Prepared(batches);
  }

  /**
   * Moves each prepared table once, for the schemas of its own records joined with {@code others}
   * (what every subtask proposed in the same round, by table; empty when settling alone), with one
   * alert; then writes each record in the new schema.
   */
  void apply(Prepared prepared, Map<String, List<StructType>> others) {
    for (Batch batch : prepared.batches.values()) {
      Set<StructType> schemas = new LinkedHashSet<>(batch.schemas);
      schemas.addAll(others.getOrDefault(batch.table.settings.name(), List.of()));
      settle(batch, schemas);
    }
  }

  /** Records of one settle, ready to move their tables. */
  static final class Prepared {
    private final Map<String, Batch> batches;

    private Prepared(Map<String, Batch> batches) {
      this.batches = batches;
    }

    boolean isEmpty() {
      return batches.isEmpty();
    }

    /** The distinct record schemas that would move each table. */
    Map<String, List<StructType>> schemas() {
      Map<String, List<StructType>> byTable = new TreeMap<>();
      batches.forEach((table, batch) -> byTable.put(table, List.copyOf(batch.schemas)));
      return byTable;
    }

    /** The records, by table in name order, each table's in arrival order. */
    List<RawRecord> raws() {
      List<RawRecord> all = new ArrayList<>();
      batches.values().forEach(batch -> batch.kept.forEach(next -> all.add(next.raw())));
      return all;
    }
  }

  /**
   * The records of one table in a settle whose schemas the policy lets through, in arrival order.
   */
  private static final class Batch {
    final TableState table;
    final List<Waiting> kept = new ArrayList<>();
    final Set<StructType> schemas = new LinkedHashSet<>();

    Batch(TableState table) {
      this.table = table;
    }
  }

  /**
   * Checks each waiting record's schema against the policy, from the catalog's current schema
   * joined with this subtask's view. A producer that drifts sends one new schema in thousands of
   * records, so the policy is asked once per distinct schema ({@link TableState#decide}).
   */
  private Batch prepare(String tableName, List<Waiting> waiting) {
    TableState table = views.refresh(views.get(tableName));
    Batch batch = new Batch(table);
    for (Waiting next : waiting) {
      Waiting kept = next;
      try {
        table.decide(kept.schema());
      } catch (SchemaEvolutionException e) {
        if (kept.row() == null) {
          refuse(kept.raw(), table);
          continue;
        }
        // Read provisionally for a record schema the table no longer takes as it now stands:
        // this record is judged on its own schema.
        DynamicRecord record = decoding.decode(kept.raw(), table);
        if (record == null) {
          continue;
        }
        kept = new Waiting(kept.raw(), record.schema());
        try {
          table.decide(kept.schema());
        } catch (SchemaEvolutionException refused) {
          refuse(kept.raw(), table);
          continue;
        }
      }
      batch.kept.add(kept);
      batch.schemas.add(kept.schema());
    }
    return batch;
  }

  /**
   * Moves the batch's table once for {@code schemas}, joined (commutative and associative, so
   * arrival order does not matter), from the view it was prepared with; then writes each record in
   * the new schema: through the fast path compiled for it, and only a record that does not fit it
   * is read in full and conformed.
   */
  private void settle(Batch batch, Set<StructType> schemas) {
    TableState table = batch.table;
    String tableName = table.settings.name();
    List<Waiting> kept = batch.kept;
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
    IdentityHashMap<StructType, Boolean> settledAt = new IdentityHashMap<>();
    for (Waiting next : kept) {
      if (next.row() != null) {
        StructType settled = table.schema;
        if (settledAt.computeIfAbsent(next.rowSchema(), read -> read.equals(settled))) {
          // Read provisionally for the schema the table settled at: the row it gets.
          conform.write(table, next.row(), false);
          continue;
        }
      }
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
