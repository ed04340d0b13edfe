package io.driftway.connectors.tracking;

import io.driftway.connectors.alerts.SchemaChangeAlert;
import io.driftway.connectors.freshness.TableActivity;
import io.driftway.connectors.metrics.PipelineMetrics;
import io.driftway.connectors.quarantine.Stage;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.merge.Evolution;
import io.driftway.schemaevolution.merge.NewFieldHeldException;
import io.driftway.schemaevolution.merge.NewFieldRefusedException;
import io.driftway.schemaevolution.merge.SchemaEvolutionException;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.types.StructType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Routes (through {@link Router}), tracks and conforms every raw record: the record goes to its
 * table as a row of the table's (possibly just evolved) schema ({@link ConformStep}), or to the
 * table's quarantine with the reason; every schema move leaves as an alert on {@link #ALERTS}. This
 * class decides the path of each record; the steps are classes of their own: {@link Decoding},
 * {@link TableViews} (each table's schema as this subtask knows it), {@link SchemaSettler} (schema
 * moves settled per checkpoint), {@link HeldRecords}, {@link ConformStep}, {@link SchemaAlerts},
 * and {@link TrackingOutput} (what leaves, counted). Nothing is dropped and no exception escapes
 * for bad input, so the job keeps running. The one exception on purpose: a new field refused by
 * {@code new-fields: fail} stops the job for good (no restart), with the table, path, type and
 * coordinates in the error, and nothing from that record on is committed. A new field held by
 * {@code new-fields: hold} makes its record wait as a {@code held} quarantine row (one alert says
 * what waits); a held record first looks at the catalog (at most once a second per table), so a
 * column approved meanwhile lets it, and those after it, through.
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
  private transient Router router;
  private transient TrackingOutput output;
  private transient Decoding decoding;
  private transient TableViews views;
  private transient HeldRecords held;
  private transient ConformStep conform;
  private transient SchemaAlerts alerts;

  /** Records waiting to settle their table's schema (a settling tracker's only). */
  private transient SchemaSettler settler;

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
   * that would move its table's schema waits; at the checkpoint barrier (or the end of a bounded
   * input) the waiting records of every subtask are proposed to a coordinator ({@link
   * SettleCoordinator}), and with its answer, the union of the proposals, each subtask moves the
   * table once and writes them ({@link SchemaSettler}, {@link TrackAndConformOperator}). So what
   * the subtasks read inside one checkpoint moves the table the same way in any order and whichever
   * subtask read which record; those rows go into the next checkpoint's commit, and wait in the
   * operator's state meanwhile.
   *
   * <pre>{@code
   * SingleOutputStreamOperator<SinkRecord> rows = raw.transform(
   *     "route, track and conform", TypeInformation.of(SinkRecord.class),
   *     TrackAndConform.settlingOperator(settings, catalog, "main", null));
   * }</pre>
   *
   * @param checkpointTables hears, at each checkpoint, which tables took rows (a bounded run's
   *     bookmarks); null when nobody needs it
   */
  public static OneInputStreamOperatorFactory<RawRecord, SinkRecord> settlingOperator(
      TrackingSettings settings,
      CatalogLoader catalogLoader,
      String branch,
      CheckpointTables checkpointTables) {
    return new TrackAndConformFactory(settling(settings, catalogLoader, branch), checkpointTables);
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
    catalog = catalogLoader.loadCatalog();
    router = new Router(settings);
    output = new TrackingOutput(PipelineMetrics.on(metricGroup), branch, Clock.systemUTC());
    decoding = new Decoding(settings, router, output);
    views = new TableViews(settings, catalog);
    alerts = new SchemaAlerts(settings.pipeline(), output);
    held = new HeldRecords(output, alerts);
    conform = new ConformStep(output, decoding);
    settler = new SchemaSettler(settings.settle(), views, decoding, held, conform, alerts, output);
  }

  /** Tests set the clock that times the held records' catalog looks. */
  void clock(Clock value) {
    output.clock(value);
  }

  @Override
  public void close() throws Exception {
    if (decoding != null) {
      decoding.close();
    }
    // A JDBC catalog keeps a connection pool and its FileIO an HTTP client: a session cluster
    // runs many jobs, and each would otherwise leave them behind.
    if (catalog instanceof AutoCloseable closeable) {
      catalog = null;
      closeable.close();
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
    output.bind(out);
    String tableName = router.beforeDecoding(raw.coordinates());
    TableState table = tableName == null ? null : views.get(tableName);
    // Fast path: almost every record fits the current table schema (or, after a drift, the schema
    // the table is about to settle at); parse it straight into a row. Anything that does not fit
    // (drift, bad input) takes the general path below.
    if (table != null && (settle ? readFast(raw, table) : conform.writeFast(raw, table))) {
      return;
    }
    DynamicRecord record = decoding.decode(raw, table);
    if (record == null) {
      return;
    }
    if (table == null) {
      String routed = router.byField(record);
      if (routed == null) {
        output.quarantine(
            raw, router.fallbackQuarantine(), Stage.ROUTE, router.failure(record), null);
        return;
      }
      table = views.get(routed);
      if (decoding.readsDifferentlyFor(table)) {
        // Hints and limits belong to the table: read the record again the way its table asks.
        record = decoding.decode(raw, table);
        if (record == null) {
          return;
        }
      }
    }
    track(raw, record, table);
  }

  /**
   * The fast reads of a settling tracker: written at once when the record fits its table's schema;
   * after a drift, waiting as a row when it fits the schema its table is about to settle at,
   * without being read in full. Records that follow a drift are tried for that schema first (see
   * {@link ProvisionalReaders}), so they are read once.
   */
  private boolean readFast(RawRecord raw, TableState table) {
    boolean provisionalFirst = settler.provisionalFirst(table);
    if (provisionalFirst && settler.addIfProvisional(table, raw)) {
      return true;
    }
    if (conform.writeFast(raw, table)) {
      settler.fitted(table);
      return true;
    }
    return !provisionalFirst && settler.addIfProvisional(table, raw);
  }

  private void track(RawRecord raw, DynamicRecord record, TableState table) {
    Evolution evolution;
    try {
      evolution = table.evolve(record);
    } catch (NewFieldHeldException e) {
      // Decided below: an approval adds the held column in the catalog, so look there first.
      evolution = null;
    } catch (NewFieldRefusedException e) {
      throw PolicyStop.of(table, e, record);
    } catch (SchemaEvolutionException e) {
      output.quarantine(
          raw, table.quarantineId, Stage.TRACK, e.getMessage(), e.getClass().getName());
      return;
    }
    if (evolution == null && !held.mayRefresh(table)) {
      // Looked at the catalog less than a second ago: the record still waits.
      held.holdAgain(raw, record, table);
      return;
    }
    if (evolution != null && evolution.schemaChanged() && settle) {
      // Decided at the barrier with this checkpoint's other schema-moving records of the table,
      // or now when the buffer is full.
      settler.add(table, raw, record);
      return;
    }
    if (evolution == null || evolution.schemaChanged()) {
      // Other subtasks (or an earlier run, or an approval) may have moved the table meanwhile:
      // decide, and alert, against what the catalog holds now, joined with what this subtask
      // already proposed.
      TableState current = views.refresh(table);
      if (current != table || evolution == null) {
        table = current;
        try {
          evolution = table.evolve(record);
        } catch (NewFieldHeldException e) {
          held.hold(raw, record, table, e);
          return;
        } catch (NewFieldRefusedException e) {
          throw PolicyStop.of(table, e, record);
        } catch (SchemaEvolutionException e) {
          output.quarantine(
              raw, table.quarantineId, Stage.TRACK, e.getMessage(), e.getClass().getName());
          return;
        }
      }
    }
    if (evolution.schemaChanged()) {
      TableState before = table;
      table = views.put(before.withSchema(evolution.after()));
      alerts.moved(before, table, evolution.changes(), raw, record);
    } else if (!evolution.changes().isEmpty()) {
      alerts.moved(table, table, evolution.changes(), raw, record);
    }
    conform.conform(raw, record, table);
  }

  /**
   * Settles every table with waiting records, in table-name order: before each checkpoint barrier,
   * at the end of a bounded input, and when the held records reach the pipeline's {@link
   * SettleBound}.
   */
  void flush(Out out) {
    output.bind(out);
    settler.flush();
  }

  /**
   * Readies the waiting records for a settle that meets the other subtasks' ({@link
   * SchemaSettler#prepare}).
   */
  SchemaSettler.Prepared prepare(Out out) {
    output.bind(out);
    return settler.prepare();
  }

  /** Settles what {@link #prepare} readied, joined with the other subtasks' {@code schemas}. */
  void apply(SchemaSettler.Prepared prepared, Map<String, List<StructType>> schemas, Out out) {
    output.bind(out);
    settler.apply(prepared, schemas);
  }

  /**
   * Tracks again the records that wait for the next settle, right after a settle moved their
   * tables: those that fit now are written at once instead of waiting a checkpoint more, so a
   * checkpoint holds only records that still need a move (what a bounded run's bookmark relies on:
   * records read by a checkpoint are written with it, or all wait together).
   */
  void reconsiderWaiting(Out out) {
    output.bind(out);
    for (RawRecord raw : settler.takeWaiting()) {
      process(raw, out);
    }
  }

  /** The most records this tracker held at once for a settle (tests check the bound with it). */
  int peakHeld() {
    return settler.peakHeld();
  }
}
