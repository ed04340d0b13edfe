package io.driftway.connectors.tracking;

import io.driftway.connectors.alerts.SchemaChangeAlert;
import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.format.RecordDecoder;
import io.driftway.connectors.freshness.TableActivity;
import io.driftway.connectors.metrics.PipelineMetrics;
import io.driftway.connectors.quarantine.HeldReason;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.connectors.quarantine.Stage;
import io.driftway.connectors.source.Encoding;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.conform.Conformed;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.mapping.IcebergSchemas;
import io.driftway.schemaevolution.merge.Evolution;
import io.driftway.schemaevolution.merge.NewFieldHeldException;
import io.driftway.schemaevolution.merge.NewFieldRefusedException;
import io.driftway.schemaevolution.merge.SchemaChange;
import io.driftway.schemaevolution.merge.SchemaEvolutionException;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.QuarantineReason;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.StructType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Routes (through {@link Router}), tracks and conforms every raw record: the record goes to its
 * table as a row of the table's (possibly just evolved) schema, or to the table's quarantine with
 * the reason; every schema move leaves as an alert on {@link #ALERTS}. Nothing is dropped and no
 * exception escapes for bad input, so the job keeps running. The one exception on purpose: a new
 * field refused by {@code new-fields: fail} stops the job for good (no restart), with the table,
 * path, type and coordinates in the error, and nothing from that record on is committed. A new
 * field held by {@code new-fields: hold} makes its record wait as a {@code held} quarantine row
 * (one alert says what waits); a held record first looks at the catalog (at most once a second per
 * table), so a column approved meanwhile lets it, and those after it, through.
 *
 * <p>Each subtask keeps its own view of each table, starting from the catalog. Schema moves are
 * decided by the schema layer's join, which is order-independent, so subtasks that see the same
 * drift reach the same schema; the Iceberg sink applies the union of their proposals.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<org.apache.iceberg.flink.sink.dynamic.DynamicRecord> rows = raw.process(new TrackAndConform(settings, catalog));
 * DataStream<SchemaChangeAlert> alerts = rows.getSideOutput(TrackAndConform.ALERTS);
 * }</pre>
 */
public final class TrackAndConform extends ProcessFunction<RawRecord, SinkRecord> {
  private static final long serialVersionUID = 1L;

  /** Schema-change alerts, one per schema move seen by this subtask. */
  public static final OutputTag<SchemaChangeAlert> ALERTS =
      new OutputTag<>("schema-change-alerts") {
        private static final long serialVersionUID = 1L;
      };

  /** How often a table with held records looks at the catalog for approved columns. */
  private static final long HELD_REFRESH_MILLIS = 1_000;

  /**
   * Signs of input per table (at most one per table and subtask each second), for the commit
   * monitor's freshness checks.
   */
  public static final OutputTag<TableActivity> ACTIVITY =
      new OutputTag<>("table-activity") {
        private static final long serialVersionUID = 1L;
      };

  /** The shortest time between two activity signs of one table from one subtask. */
  static final long ACTIVITY_EVERY_MILLIS = 1_000;

  private final TrackingSettings settings;
  private final CatalogLoader catalogLoader;
  private final String branch;
  private final boolean settle;

  private transient Catalog catalog;
  private transient RecordDecoder decoder;
  private transient Router router;
  private transient Map<String, TableState> tables;
  private transient Map<String, TablePolicy> policies;
  private transient InferenceOptions routingInference;
  private transient Clock clock;
  private transient Map<String, Long> heldRefreshedAt;
  private transient Set<String> heldAlerted;
  private transient PipelineMetrics metrics;
  private transient Map<String, Long> lastActivity;

  /** Records waiting to settle their table's schema. */
  private transient SettlingBuffer pending;

  public TrackAndConform(TrackingSettings settings, CatalogLoader catalogLoader) {
    this(settings, catalogLoader, "main");
  }

  /** Writes every row, quarantine rows included, to {@code branch} of its table. */
  public TrackAndConform(TrackingSettings settings, CatalogLoader catalogLoader, String branch) {
    this(settings, catalogLoader, branch, false);
  }

  private TrackAndConform(
      TrackingSettings settings, CatalogLoader catalogLoader, String branch, boolean settle) {
    this.settings = settings;
    this.catalogLoader = catalogLoader;
    this.branch = branch;
    this.settle = settle;
  }

  /**
   * The pipeline's tracking operator, which settles schema changes once per checkpoint: a record
   * that would move its table's schema waits, and just before the checkpoint barrier leaves (or at
   * the end of a bounded input) all the waiting records of a table are joined and decide the
   * table's move together (see {@link #settle}). So what this subtask reads inside one checkpoint
   * moves the table the same way in any order; the rows still go into that checkpoint's commit.
   * Nothing waits in state: a failure before the barrier replays the records from the source.
   *
   * <pre>{@code
   * SingleOutputStreamOperator<SinkRecord> rows = raw.transform(
   *     "route, track and conform", TypeInformation.of(SinkRecord.class),
   *     TrackAndConform.settlingOperator(settings, catalog, "main"));
   * }</pre>
   */
  public static OneInputStreamOperator<RawRecord, SinkRecord> settlingOperator(
      TrackingSettings settings, CatalogLoader catalogLoader, String branch) {
    return new TrackAndConformOperator(settling(settings, catalogLoader, branch));
  }

  /** A tracker whose schema moves wait for {@link #flush}; the operator's, and tests'. */
  static TrackAndConform settling(
      TrackingSettings settings, CatalogLoader catalogLoader, String branch) {
    return new TrackAndConform(settings, catalogLoader, branch, true);
  }

  @Override
  public void open(OpenContext context) {
    open(getRuntimeContext().getMetricGroup());
  }

  /** Opens with {@code metricGroup} as the operator's group (tests pass an unregistered one). */
  void open(MetricGroup metricGroup) {
    metrics = PipelineMetrics.on(metricGroup);
    lastActivity = new HashMap<>();
    catalog = catalogLoader.loadCatalog();
    decoder = RecordDecoder.create(settings.format());
    router = new Router(settings);
    tables = new HashMap<>();
    policies = new HashMap<>();
    routingInference = InferenceOptions.defaults();
    clock = Clock.systemUTC();
    heldRefreshedAt = new HashMap<>();
    heldAlerted = new HashSet<>();
    pending = new SettlingBuffer(settings.settle());
  }

  /** Tests set the clock that times the held records' catalog looks. */
  void clock(Clock value) {
    this.clock = value;
  }

  @Override
  public void close() {
    if (decoder != null) {
      decoder.close();
    }
  }

  @Override
  public void processElement(RawRecord raw, Context context, Collector<SinkRecord> rows) {
    process(raw, new ContextOut(context, rows));
  }

  /** What tracking hands on: rows (quarantine rows included) and alerts. */
  interface Out {
    void row(SinkRecord row);

    void alert(SchemaChangeAlert alert);

    void activity(TableActivity activity);
  }

  private record ContextOut(Context context, Collector<SinkRecord> rows) implements Out {
    @Override
    public void row(SinkRecord row) {
      rows.collect(row);
    }

    @Override
    public void alert(SchemaChangeAlert alert) {
      context.output(ALERTS, alert);
    }

    @Override
    public void activity(TableActivity activity) {
      context.output(ACTIVITY, activity);
    }
  }

  /** Tracks one record; called from the task thread only. */
  void process(RawRecord raw, Out out) {
    String tableName = router.beforeDecoding(raw.coordinates());
    TableState table = tableName == null ? null : table(tableName);
    if (table != null && table.fastJson != null && raw.value() != null && isPlainJson(raw)) {
      // Fast path: almost every record fits the current table schema; parse it straight into a
      // row. Anything that does not fit (drift, bad input) takes the general path below.
      Row row = table.fastJson.read(raw.value());
      if (row != null) {
        write(table, row, false, out);
        return;
      }
    }
    DynamicRecord record = decode(raw, table, out);
    if (record == null) {
      return;
    }
    if (table == null) {
      String routed = router.byField(record);
      if (routed == null) {
        quarantine(
            raw, router.fallbackQuarantine(), Stage.ROUTE, router.failure(record), null, out);
        return;
      }
      table = table(routed);
      if (!table.settings.hints().isEmpty() || !table.inference.equals(routingInference)) {
        // Hints and limits belong to the table: read the record again the way its table asks.
        record = decode(raw, table, out);
        if (record == null) {
          return;
        }
      }
    }
    track(raw, record, table, out);
  }

  private void track(RawRecord raw, DynamicRecord record, TableState table, Out out) {
    Evolution evolution;
    try {
      evolution = table.evolver.evolve(table.schema, record);
    } catch (NewFieldHeldException held) {
      // Decided below: an approval adds the held column in the catalog, so look there first.
      evolution = null;
    } catch (NewFieldRefusedException e) {
      throw stop(table, e, record);
    } catch (SchemaEvolutionException e) {
      quarantine(raw, table.quarantineId, Stage.TRACK, e.getMessage(), e.getClass().getName(), out);
      return;
    }
    if (evolution == null && !refreshHeld(table)) {
      // Looked at the catalog less than a second ago: the record still waits.
      hold(raw, record, table, heldAgain(table, record), out);
      return;
    }
    if (evolution != null && evolution.schemaChanged() && settle) {
      // Decided at the barrier with this checkpoint's other schema-moving records of the table,
      // or now when the buffer is full (a backlog read under backpressure meets barriers late).
      if (pending.add(table.settings.name(), raw)) {
        flush(out);
      }
      return;
    }
    if (evolution == null || evolution.schemaChanged()) {
      // Other subtasks (or an earlier run, or an approval) may have moved the table meanwhile:
      // decide, and alert, against what the catalog holds now, joined with what this subtask
      // already proposed.
      TableState current = refreshed(table);
      if (current != table || evolution == null) {
        table = current;
        tables.put(table.settings.name(), table);
        try {
          evolution = table.evolver.evolve(table.schema, record);
        } catch (NewFieldHeldException held) {
          hold(raw, record, table, held, out);
          return;
        } catch (NewFieldRefusedException e) {
          throw stop(table, e, record);
        } catch (SchemaEvolutionException e) {
          quarantine(
              raw, table.quarantineId, Stage.TRACK, e.getMessage(), e.getClass().getName(), out);
          return;
        }
      }
    }
    if (evolution.schemaChanged()) {
      TableState before = table;
      table = before.withSchema(evolution.after());
      tables.put(table.settings.name(), table);
      out.alert(alert(before, table, evolution.changes(), raw, record));
    } else if (!evolution.changes().isEmpty()) {
      out.alert(alert(table, table, evolution.changes(), raw, record));
    }
    conform(raw, record, table, out);
  }

  private void conform(RawRecord raw, DynamicRecord record, TableState table, Out out) {
    Conformed conformed = table.conformer.conform(record, table.schema);
    if (conformed.isQuarantined()) {
      QuarantineReason reason = conformed.quarantine();
      quarantine(raw, table.quarantineId, stage(reason), reason.message(), null, out);
      return;
    }
    write(table, conformed.row(), conformed.rescuedData() != null, out);
  }

  /** Hands a row to the table's writer, counting it and signalling the table's activity. */
  private void write(TableState table, Row row, boolean rescued, Out out) {
    out.row(
        new SinkRecord(
            table.id, branch, table.icebergSchema, table.adapter.adapt(row), table.spec));
    String name = table.id.toString();
    PipelineMetrics.TableCounters counters = metrics.table(name);
    counters.recordsIn().inc();
    counters.rowsWritten().inc();
    if (rescued) {
      counters.rowsRescued().inc();
    }
    long now = clock.millis();
    Long last = lastActivity.get(name);
    if (last == null || now - last >= ACTIVITY_EVERY_MILLIS) {
      lastActivity.put(name, now);
      out.activity(new TableActivity(name, now));
    }
  }

  /**
   * Settles every table with waiting records, in table-name order: before each checkpoint barrier,
   * at the end of a bounded input, and when the held records reach the pipeline's {@link
   * SettleBound}.
   */
  void flush(Out out) {
    if (pending.isEmpty()) {
      return;
    }
    for (Map.Entry<String, List<RawRecord>> waiting : pending.drain().entrySet()) {
      settle(waiting.getKey(), waiting.getValue(), out);
    }
  }

  /** The most records this tracker held at once for a settle (tests check the bound with it). */
  int peakHeld() {
    return pending.peakRecords();
  }

  /**
   * Moves the schema of {@code tableName} once for {@code raws}, the records of one checkpoint that
   * asked for a move: their schemas are joined first (commutative and associative, so arrival order
   * does not matter; a new field seen with incompatible types becomes a choice, resolved by the
   * documented order of types), the table evolves once from the catalog's current schema joined
   * with this subtask's view, with one alert, and then each record is conformed.
   */
  private void settle(String tableName, List<RawRecord> raws, Out out) {
    TableState table = refreshed(table(tableName));
    tables.put(tableName, table);
    List<RawRecord> kept = new ArrayList<>(raws.size());
    List<DynamicRecord> records = new ArrayList<>(raws.size());
    List<StructType> schemas = new ArrayList<>(raws.size());
    for (RawRecord raw : raws) {
      DynamicRecord record = decode(raw, table, out);
      if (record == null) {
        continue;
      }
      try {
        table.evolver.evolve(table.schema, record);
      } catch (NewFieldHeldException held) {
        hold(raw, record, table, held, out);
        continue;
      } catch (NewFieldRefusedException e) {
        throw stop(table, e, record);
      } catch (SchemaEvolutionException e) {
        quarantine(
            raw, table.quarantineId, Stage.TRACK, e.getMessage(), e.getClass().getName(), out);
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
        trackNow(kept.get(i), records.get(i), tables.get(tableName), out);
      }
      return;
    }
    if (evolution.schemaChanged()) {
      TableState before = table;
      table = before.withSchema(evolution.after());
      tables.put(tableName, table);
      out.alert(alert(before, table, evolution.changes(), kept.get(0), records.get(0)));
    } else if (!evolution.changes().isEmpty()) {
      out.alert(alert(table, table, evolution.changes(), kept.get(0), records.get(0)));
    }
    for (int i = 0; i < records.size(); i++) {
      conform(kept.get(i), records.get(i), table, out);
    }
  }

  /** The record tracked on its own, its schema move made at once. */
  private void trackNow(RawRecord raw, DynamicRecord record, TableState table, Out out) {
    Evolution evolution;
    try {
      evolution = table.evolver.evolve(table.schema, record);
    } catch (NewFieldHeldException held) {
      hold(raw, record, table, held, out);
      return;
    } catch (SchemaEvolutionException e) {
      quarantine(raw, table.quarantineId, Stage.TRACK, e.getMessage(), e.getClass().getName(), out);
      return;
    }
    TableState current = table;
    if (evolution.schemaChanged()) {
      current = table.withSchema(evolution.after());
      tables.put(table.settings.name(), current);
      out.alert(alert(table, current, evolution.changes(), raw, record));
    }
    conform(raw, record, current, out);
  }

  /**
   * Whether a held record may look at the catalog again for an approved column: at most once a
   * second per table, so a producer that sends the held field in every record does not cost a
   * catalog call per record.
   */
  private boolean refreshHeld(TableState table) {
    long now = clock.millis();
    Long last = heldRefreshedAt.get(table.settings.name());
    if (last != null && now - last < HELD_REFRESH_MILLIS) {
      return false;
    }
    heldRefreshedAt.put(table.settings.name(), now);
    return true;
  }

  /** The hold of a record that was held a moment ago too (without a new catalog look). */
  private static NewFieldHeldException heldAgain(TableState table, DynamicRecord record) {
    try {
      table.evolver.evolve(table.schema, record);
    } catch (NewFieldHeldException held) {
      return held;
    }
    throw new IllegalStateException(
        "Cannot hold record: it fits the table on a second look: " + record.coordinates());
  }

  /**
   * Keeps the record as a {@code held} quarantine row that says which fields it waits for, and
   * alerts once per table and set of held fields (per subtask; the alert id deduplicates).
   */
  private void hold(
      RawRecord raw, DynamicRecord record, TableState table, NewFieldHeldException held, Out out) {
    String name = table.settings.database() + "." + table.settings.name();
    quarantine(
        raw,
        table.quarantineId,
        Stage.HELD,
        HeldReason.of(name, held.held()),
        held.getClass().getName(),
        out);
    List<SchemaChangeAlert.Change> changes = new ArrayList<>(held.held().size());
    for (NewFieldHeldException.Held field : held.held()) {
      changes.add(
          new SchemaChangeAlert.Change(
              "HOLD", field.path().toString(), null, field.type().toString(), held.policy()));
    }
    String afterId = table.schemaId + "/held-" + SchemaFingerprint.ofText(changes.toString());
    if (heldAlerted.add(name + "@" + afterId)) {
      out.alert(
          new SchemaChangeAlert(
              settings.pipeline(),
              table.settings.database(),
              table.settings.name(),
              table.schemaId,
              afterId,
              changes,
              record.coordinates().describe(),
              sample(raw),
              Instant.now(clock)));
    }
  }

  /**
   * The failure that stops the job for good when a policy refuses a new field: restarting would
   * meet the same record again, so Flink's restart strategy is told not to try. The record and
   * those after it are not committed (neither rows nor source offsets), so a run with a changed
   * policy starts again from them and loses nothing.
   */
  private static SuppressRestartsException stop(
      TableState table, NewFieldRefusedException refused, DynamicRecord record) {
    return new SuppressRestartsException(
        new SchemaEvolutionException(
            "Cannot evolve table "
                + table.settings.database()
                + "."
                + table.settings.name()
                + ": new field "
                + refused.path()
                + " ("
                + refused.type()
                + ") is refused by policy "
                + refused.policy()
                + "; change the policy to evolve, rescue or ignore and run again to resume from"
                + " this record: "
                + record.coordinates().describe()));
  }

  /** The decoded record, or null when it went to quarantine. */
  private DynamicRecord decode(RawRecord raw, TableState table, Out out) {
    try {
      return decoder.decode(raw, table == null ? routingInference : table.inference);
    } catch (RecordRejectedException e) {
      QuarantineReason reason = e.reason();
      TableIdentifier target = table == null ? router.fallbackQuarantine() : table.quarantineId;
      quarantine(
          raw,
          target,
          stage(reason),
          reason.message(),
          e.getCause() == null ? null : e.getCause().getClass().getName(),
          out);
      return null;
    }
  }

  private SchemaChangeAlert alert(
      TableState before,
      TableState after,
      List<SchemaChange> changes,
      RawRecord raw,
      DynamicRecord record) {
    List<SchemaChangeAlert.Change> list = new ArrayList<>(changes.size());
    for (SchemaChange change : changes) {
      list.add(
          new SchemaChangeAlert.Change(
              change.kind().name(),
              change.path().toString(),
              change.from() == null ? null : change.from().toString(),
              change.to() == null ? null : change.to().toString(),
              change.policy()));
    }
    // Decisions that leave the schema as it is (rescue, resolve) get their own id beside it.
    String afterId =
        before == after
            ? after.schemaId + "/" + SchemaFingerprint.ofText(list.toString())
            : after.schemaId;
    return new SchemaChangeAlert(
        settings.pipeline(),
        after.settings.database(),
        after.settings.name(),
        before.schemaId,
        afterId,
        list,
        record.coordinates().describe(),
        sample(raw),
        Instant.now(clock));
  }

  private void quarantine(
      RawRecord raw,
      TableIdentifier target,
      Stage stage,
      String reason,
      String errorClass,
      Out out) {
    out.row(
        new SinkRecord(
            target,
            branch,
            QuarantineTable.SCHEMA,
            QuarantineTable.row(raw, stage, reason, errorClass, Instant.now(clock)),
            QuarantineTable.SPEC));
    PipelineMetrics.TableCounters counters =
        metrics.table(QuarantineTable.targetOf(target).toString());
    counters.recordsIn().inc();
    counters.rowsQuarantined(stage).inc();
  }

  private TableState table(String name) {
    TableState state = tables.get(name);
    if (state == null) {
      TableSettings table = settings.table(name);
      TablePolicy policy = policies.computeIfAbsent(name, n -> table.policy());
      state = load(table, policy);
      tables.put(name, state);
    }
    return state;
  }

  /**
   * The table as the catalog holds it now, joined with this subtask's own view (its proposals may
   * not be committed yet); {@code table} itself when nothing moved.
   */
  private TableState refreshed(TableState table) {
    TableState fromCatalog = load(table.settings, table.policy);
    StructType joined;
    try {
      joined = table.viewJoin.evolve(fromCatalog.schema, List.of(table.schema)).after();
    } catch (SchemaEvolutionException e) {
      // Our view cannot join the catalog's (another writer decided differently): the catalog wins.
      joined = fromCatalog.schema;
    }
    String rescued = table.policy.rescuedColumn();
    if (table.schema.field(rescued) == null && fromCatalog.schema.field(rescued) == null) {
      // The join adds the rescued-data column; left to the record's own evolution, so its
      // ADD_COLUMN is in the alert like every other change.
      List<Field> fields = new ArrayList<>(joined.fields());
      fields.removeIf(f -> f.name().equalsIgnoreCase(rescued));
      joined = StructType.of(fields);
    }
    return joined.equals(table.schema) ? table : table.withSchema(joined);
  }

  private TableState load(TableSettings table, TablePolicy policy) {
    TableIdentifier id = TableIdentifier.of(table.database(), table.name());
    try {
      Table existing = catalog.loadTable(id);
      Schema schema = existing.schema();
      return TableState.of(table, policy, IcebergSchemas.fromIceberg(schema), schema, json());
    } catch (NoSuchTableException missing) {
      return TableState.of(table, policy, StructType.empty(), null, json());
    }
  }

  private boolean json() {
    FormatSettings.Kind kind = settings.format().kind();
    return kind == FormatSettings.Kind.JSON || kind == FormatSettings.Kind.FILES;
  }

  /**
   * Whether the fast path may read {@code raw} as it is: a streamed record of a JSON pipeline, or a
   * JSON line without partition values (those are added by the decoder only).
   */
  private static boolean isPlainJson(RawRecord raw) {
    return raw.encoding() == null
        || (raw.encoding().kind() == Encoding.Kind.JSON && !raw.hasPartitions());
  }

  private static Stage stage(QuarantineReason reason) {
    return switch (reason.stage()) {
      case DECODE -> Stage.DECODE;
      case LIMIT, POLICY -> Stage.TRACK;
    };
  }

  private static String sample(RawRecord raw) {
    byte[] bytes = raw.value();
    if (bytes == null) {
      return null;
    }
    return new String(
        bytes, 0, Math.min(bytes.length, 2_048), java.nio.charset.StandardCharsets.UTF_8);
  }
}
