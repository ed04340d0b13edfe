package io.driftway.streamjobs.graph;

import io.driftway.connectors.alerts.Alerts;
import io.driftway.connectors.columnar.ColumnarWritePath;
import io.driftway.connectors.freshness.CommitMonitor;
import io.driftway.connectors.iceberg.PipelineTableCreator;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.connectors.source.RawRecord;
import io.driftway.connectors.tracking.SinkRecord;
import io.driftway.connectors.tracking.TableSettings;
import io.driftway.connectors.tracking.TrackAndConform;
import io.driftway.connectors.tracking.TrackingSettings;
import io.driftway.streamjobs.audit.RangeTracker;
import io.driftway.streamjobs.audit.SourceRanges;
import io.driftway.streamjobs.maintain.MaintenanceGraph;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.SchemaChecks;
import io.driftway.streamjobs.spec.SpecException;
import io.driftway.streamjobs.spec.WritePath;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.sink.dynamic.DynamicIcebergSink;
import org.apache.iceberg.flink.sink.dynamic.DynamicRecordGenerator;

/**
 * The streaming job of a pipeline: sources, then route/track/conform, then Iceberg's dynamic sink
 * (tables and schema updates done by the sink, one commit per checkpoint), with schema-change
 * alerts on the side and Iceberg's table maintenance for the tables that turn it on.
 *
 * <pre>{@code
 * Configuration config = PipelineJob.configuration(spec);
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
 * PipelineJob.build(env, spec);
 * env.execute(spec.name());
 * }</pre>
 */
public final class PipelineJob {

  /**
   * Commit retries of the tables this job creates. A backfill and the streaming job append to the
   * same tables: their appends never conflict logically, but both swap the table's metadata
   * pointer, and the loser of a race refreshes and retries. Iceberg's default (4 retries from 100
   * ms) can run out when two jobs commit every second; a failed commit restarts the job from its
   * checkpoint (no loss, no duplicate), which these retries make rare.
   */
  static final Map<String, String> COMMIT_RETRIES =
      Map.of(
          TableProperties.COMMIT_NUM_RETRIES, "20",
          TableProperties.COMMIT_MIN_RETRY_WAIT_MS, "50",
          TableProperties.COMMIT_MAX_RETRY_WAIT_MS, "5000");

  private PipelineJob() {}

  /** Flink settings the pipeline needs before an environment exists: checkpoint storage. */
  public static Configuration configuration(PipelineSpec spec) {
    Configuration config = new Configuration();
    spec.checkpointing()
        .storage()
        .ifPresent(dir -> config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir));
    config.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    return config;
  }

  /**
   * Checks what the file loader cannot: the catalog settings fit together. (The loader already
   * checked every key, and that every table's policies and hints parse in the schema layer.) Call
   * it to report a mistake before building a job; building checks the same again as it goes.
   *
   * @throws IllegalArgumentException naming the value to change
   */
  public static void validate(PipelineSpec spec) {
    Catalogs.loader(spec);
  }

  /**
   * Checks the pipeline against the tables that already exist in its catalog (partition transforms,
   * hints and typed overrides against the columns' types; {@link SchemaChecks}). Needs the catalog;
   * a table that does not exist yet passes.
   *
   * @throws io.driftway.streamjobs.spec.SpecException naming the file, line and key to change
   * @throws IllegalStateException when the catalog cannot be read (unreachable, refused)
   */
  public static void checkExistingTables(PipelineSpec spec) {
    try {
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      // JDBC and Glue catalogs hold connections: closed here, the check's only use of them.
      try (Closeable closing = catalog instanceof Closeable c ? c : () -> {}) {
        SchemaChecks.againstCatalog(spec, catalog);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } catch (SpecException e) {
      throw e;
    } catch (RuntimeException e) {
      // An AWS or JDBC client's own exception says little to a user starting a pipeline; the
      // pipeline cannot run without its catalog, so stop with what to check.
      throw new IllegalStateException(
          "Cannot check pipeline against its catalog: the catalog cannot be read (check"
              + " catalog.endpoint or catalog.uri, its credentials, and that it is up): "
              + spec.name()
              + ": "
              + rootMessage(e),
          e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /**
   * Checks that the pipeline can run as a streaming job: it has a Kafka or Kinesis source. A
   * pipeline without one is valid, but only for {@code driftway backfill}.
   *
   * @throws IllegalArgumentException saying what to add or run instead
   */
  public static void checkStreaming(PipelineSpec spec) {
    if (spec.sources().isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot run pipeline: it has no streaming source, so it only takes backfills (driftway"
              + " backfill <pipeline.yaml> --source ...); add a kafka or kinesis item under"
              + " sources to run it: "
              + spec.name());
    }
  }

  /**
   * Adds the pipeline's operators to {@code env}.
   *
   * @throws IllegalArgumentException when the pipeline has no streaming source ({@link
   *     #checkStreaming})
   * @throws io.driftway.streamjobs.spec.SpecException when it does not fit a table that exists
   *     ({@link #checkExistingTables})
   */
  public static void build(StreamExecutionEnvironment env, PipelineSpec spec) {
    checkStreaming(spec);
    checkExistingTables(spec);
    configure(env, spec);
    SingleOutputStreamOperator<SinkRecord> rows =
        write(Sources.raw(env, spec), spec, WriteOptions.streaming(spec));
    monitorCommits(rows, spec);
    MaintenanceGraph.attach(env, spec);
  }

  /**
   * Watches each table's newest commit (the {@code newest_commit_age_seconds} gauge) and sends
   * freshness alerts for tables with a {@code freshness-slo}; streaming jobs only (a backfill's
   * tables are not expected to stay fresh).
   */
  static void monitorCommits(SingleOutputStreamOperator<SinkRecord> rows, PipelineSpec spec) {
    Map<String, Duration> slos = new HashMap<>();
    for (TableSettings table : spec.tables()) {
      if (table.freshnessSlo() != null) {
        slos.put(table.database() + "." + table.name(), table.freshnessSlo());
      }
    }
    CommitMonitor.attach(
        rows.getSideOutput(TrackAndConform.ACTIVITY),
        Catalogs.loader(spec),
        spec.name(),
        slos,
        spec.alerts(),
        spec.name() + "-freshness-monitor");
  }

  /**
   * Sets what every Driftway job needs on {@code env}: the pipeline's parallelism, object reuse and
   * exactly-once checkpoints (one Iceberg commit per checkpoint).
   */
  public static void configure(StreamExecutionEnvironment env, PipelineSpec spec) {
    env.setParallelism(spec.parallelism());
    // Without reuse, Flink deep-copies each record between chained operators: every SinkRecord
    // reached the Iceberg sink with a fresh copy of its table's Schema, so the sink's schema cache
    // (keyed by instance) missed on every record, compared schemas per record and logged a warning
    // each time. Every operator here emits new objects and keeps none, so reuse is safe.
    env.getConfig().enableObjectReuse();
    env.enableCheckpointing(
        spec.checkpointing().interval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
  }

  /**
   * The tail every Driftway job shares, streaming or backfill: route, track and conform each raw
   * record, write rows and quarantine rows through Iceberg's dynamic sink, and deliver the
   * schema-change alerts. Returns the tracking operator, whose side outputs a caller may use.
   *
   * <pre>{@code
   * PipelineJob.configure(env, spec);
   * PipelineJob.write(rawRecords, spec, WriteOptions.streaming(spec));
   * }</pre>
   */
  public static SingleOutputStreamOperator<SinkRecord> write(
      DataStream<RawRecord> raw, PipelineSpec spec, WriteOptions options) {
    CatalogLoader catalog = Catalogs.loader(spec);
    TrackingSettings tracking = spec.tracking();
    if (options.fileRecords()) {
      tracking = tracking.withFormat(tracking.format().forFileRecords());
    }
    // Chained behind the sources, so each source partition passes one subtask in order; its
    // ranges rows travel with the checkpoint they describe into the same sink (see the audit).
    // A quarantine replay records none: its records keep coordinates an earlier job recorded.
    SingleOutputStreamOperator<RawRecord> tracked =
        options.sourceRanges()
            ? raw.transform(
                    "record source ranges",
                    raw.getType(),
                    new RangeTracker(
                        spec.name(),
                        SourceRanges.tableFor(spec.defaultDatabase(), spec.name()),
                        options.branch()))
                .uid(options.uidPrefix() + "-ranges")
            : null;
    DataStream<RawRecord> input = tracked != null ? tracked : raw;
    // Schema moves are settled once per checkpoint from all the records that ask for one, so the
    // table does not depend on the order they arrived in (TrackAndConform.settlingOperator).
    SingleOutputStreamOperator<SinkRecord> rows =
        input
            .transform(
                "route, track and conform",
                TypeInformation.of(SinkRecord.class),
                TrackAndConform.settlingOperator(
                    tracking, catalog, options.branch(), options.checkpointTables()))
            .uid(options.uidPrefix() + "-track");

    Map<String, Map<String, String>> properties = tableProperties(spec, tracking);
    boolean columnar = spec.writePath() == WritePath.COLUMNAR;
    append(rows, catalog, properties, options, options.uidPrefix() + "-iceberg", columnar);
    if (tracked != null) {
      // A sink of their own, not a union with the rows: an operator with two inputs is never
      // chained, so every row would cross a network edge, arrive with a deserialized copy of its
      // Schema, miss the sink's schema cache (keyed by instance) and be compared field by field,
      // with a warning each. The guarantee is the same: the dynamic sink commits each table on
      // its own at the same checkpoint either way.
      // All ranges rows to one subtask: the sink creates a missing table or branch from the
      // subtask that first sees a record for it, and two subtasks creating the same one at once
      // fail the job on the catalog's conflict. The rows are few: one per source partition and
      // checkpoint.
      append(
          tracked.getSideOutput(RangeTracker.RANGES).global(),
          catalog,
          properties,
          options,
          options.uidPrefix() + "-iceberg-ranges",
          columnar);
    }

    Alerts.attach(rows.getSideOutput(TrackAndConform.ALERTS), spec.alerts(), spec.name());
    return rows;
  }

  private static void append(
      DataStream<SinkRecord> records,
      CatalogLoader catalog,
      Map<String, Map<String, String>> tableProperties,
      WriteOptions options,
      String uidPrefix,
      boolean columnar) {
    DynamicIcebergSink.forInput(records)
        .generator(new PassThrough(columnar))
        .catalogLoader(catalog)
        .tableCreator(new PipelineTableCreator(tableProperties))
        // Schema and table updates with the commit, not from each writer at once: concurrent
        // writers otherwise race on the table's metadata and fail the job on the conflict.
        .immediateTableUpdate(false)
        .snapshotProperties(options.snapshotProperties())
        .uidPrefix(uidPrefix)
        .append();
  }

  private static Map<String, Map<String, String>> tableProperties(
      PipelineSpec spec, TrackingSettings tracking) {
    Map<String, Map<String, String>> properties = new HashMap<>();
    properties.put(
        SourceRanges.tableFor(spec.defaultDatabase(), spec.name()).toString(), COMMIT_RETRIES);
    for (TableSettings table : tracking.tables().values()) {
      Map<String, String> own = new HashMap<>(COMMIT_RETRIES);
      own.putAll(table.properties());
      properties.put(table.database() + "." + table.name(), own);
      properties.put(
          table.database() + "." + QuarantineTable.nameFor(table.name()), COMMIT_RETRIES);
    }
    return properties;
  }

  /**
   * The tracking operator already builds the sink's records; hand them on as they are. On the
   * columnar path it also switches the task's JVM to the columnar writer before the sink's writer,
   * chained behind it, opens a file: the writer gets the rows as they are, so the rows of the fast
   * path reach it as views of the schema layer's rows (see {@code
   * io.driftway.connectors.columnar}).
   */
  private static final class PassThrough implements DynamicRecordGenerator<SinkRecord> {
    private static final long serialVersionUID = 1L;

    private final boolean columnar;

    PassThrough(boolean columnar) {
      this.columnar = columnar;
    }

    @Override
    public void open(OpenContext context) {
      if (columnar) {
        ColumnarWritePath.install();
      }
    }

    @Override
    public void generate(
        SinkRecord record,
        org.apache.flink.util.Collector<org.apache.iceberg.flink.sink.dynamic.DynamicRecord> out) {
      out.collect(record);
    }
  }
}
