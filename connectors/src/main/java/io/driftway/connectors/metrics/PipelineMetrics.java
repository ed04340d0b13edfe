package io.driftway.connectors.metrics;

import io.driftway.connectors.quarantine.Stage;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Driftway's per-table counters on one operator's Flink metric group: {@code <operator
 * scope>.driftway.table=<db.table>.<name>}. The names are public API (dashboards and alert rules
 * use them): rename one only with a deprecated twin.
 *
 * <p>Flink's Prometheus reporter exports a counter as {@code flink_<scope>_<group>_<name>}, the key
 * of a key-value group ({@code table}, {@code stage}) as a label, so {@code records_in} of table
 * {@code demo.events} reads {@code
 * flink_taskmanager_job_task_operator_driftway_table_records_in{table="demo.events",...}}; see
 * {@link #PROMETHEUS_NAMES}.
 *
 * <p>Not thread-safe: one instance per subtask, used from the task thread only (counters are read
 * by the reporter, which Flink's counters allow).
 *
 * <pre>{@code
 * PipelineMetrics metrics = PipelineMetrics.on(getRuntimeContext().getMetricGroup());
 * metrics.table("demo.events").recordsIn().inc();
 * }</pre>
 */
public final class PipelineMetrics {

  /** The group under the operator's that holds every Driftway metric. */
  public static final String GROUP = "driftway";

  /** The key of the per-database group; its value is the table's database. */
  public static final String DATABASE = "database";

  /** The key of the per-table group under its database's; its value is the table's name. */
  public static final String TABLE = "table";

  /** The key of the per-stage group of quarantined rows; its value is the stage's label. */
  public static final String STAGE = "stage";

  /** Records routed to the table (counter). */
  public static final String RECORDS_IN = "records_in";

  /** Rows conformed to the table's schema and handed to its Iceberg writer (counter). */
  public static final String ROWS_WRITTEN = "rows_written";

  /** Rows written with at least one value in the rescued-data column (counter). */
  public static final String ROWS_RESCUED = "rows_rescued";

  /** Records that went to the table's quarantine, under a {@code stage} label (counter). */
  public static final String ROWS_QUARANTINED = "rows_quarantined";

  /** Schema changes decided for the table, one per schema-change alert (counter). */
  public static final String SCHEMA_CHANGES = "schema_changes";

  /** Seconds since the table's newest committed snapshot, as the catalog holds it (gauge). */
  public static final String NEWEST_COMMIT_AGE = "newest_commit_age_seconds";

  /** Whether the table is breaching its freshness SLO now: 1 or 0 (gauge). */
  public static final String FRESHNESS_BREACHED = "freshness_breached";

  /**
   * How far Driftway's Kinesis source is behind the newest record, the largest over the shards the
   * subtask reads, in milliseconds (gauge, per source subtask, no table label).
   */
  public static final String MILLIS_BEHIND_LATEST = "millis_behind_latest";

  private static final String PREFIX = "flink_taskmanager_job_task_operator_" + GROUP + "_";
  private static final String PER_TABLE = PREFIX + DATABASE + "_" + TABLE + "_";

  /**
   * Every Driftway pipeline metric as Flink's Prometheus reporter names it. Flink's own metrics a
   * dashboard may use (Kafka's {@code pendingRecords}, checkpoints, Iceberg's committer) are in
   * {@link #FLINK_PROMETHEUS_NAMES}.
   */
  public static final List<String> PROMETHEUS_NAMES =
      List.of(
          PER_TABLE + RECORDS_IN,
          PER_TABLE + ROWS_WRITTEN,
          PER_TABLE + ROWS_RESCUED,
          PER_TABLE + STAGE + "_" + ROWS_QUARANTINED,
          PER_TABLE + SCHEMA_CHANGES,
          PER_TABLE + NEWEST_COMMIT_AGE,
          PER_TABLE + FRESHNESS_BREACHED,
          PREFIX + MILLIS_BEHIND_LATEST);

  /**
   * Metrics of Flink, its Kafka source and Iceberg's committer that the README documents and the
   * Grafana dashboard uses, as the Prometheus reporter names them.
   */
  public static final List<String> FLINK_PROMETHEUS_NAMES =
      List.of(
          // FLIP-33 backlog of the Kafka source: records between the read and the newest offset.
          "flink_taskmanager_job_task_operator_pendingRecords",
          "flink_taskmanager_job_task_operator_numRecordsInPerSecond",
          "flink_jobmanager_job_numberOfCompletedCheckpoints",
          "flink_jobmanager_job_numberOfFailedCheckpoints",
          "flink_jobmanager_job_lastCheckpointDuration",
          "flink_jobmanager_job_numRestarts",
          "flink_taskmanager_job_task_operator_IcebergFilesCommitter_table_committedDataFilesRecordCount",
          "flink_taskmanager_job_task_operator_IcebergFilesCommitter_table_elapsedSecondsSinceLastSuccessfulCommit");

  private final MetricGroup driftway;
  private final Map<String, TableCounters> tables = new HashMap<>();

  private PipelineMetrics(MetricGroup driftway) {
    this.driftway = driftway;
  }

  /** Driftway's metrics on {@code operatorGroup}, the operator's own metric group. */
  public static PipelineMetrics on(MetricGroup operatorGroup) {
    return new PipelineMetrics(operatorGroup.addGroup(GROUP));
  }

  /** The group of {@code qualifiedTable} ({@code database.table}), for gauges of the caller's. */
  public MetricGroup tableGroup(String qualifiedTable) {
    int dot = qualifiedTable.indexOf('.');
    if (dot <= 0 || dot == qualifiedTable.length() - 1) {
      throw new IllegalArgumentException(
          "Cannot register table metrics: expected database.table: " + qualifiedTable);
    }
    return driftway
        .addGroup(DATABASE, qualifiedTable.substring(0, dot))
        .addGroup(TABLE, qualifiedTable.substring(dot + 1));
  }

  /** The counters of {@code qualifiedTable} ({@code database.table}), registered on first use. */
  public TableCounters table(String qualifiedTable) {
    return tables.computeIfAbsent(qualifiedTable, t -> new TableCounters(tableGroup(t)));
  }

  /**
   * One table's counters, each registered on first use, so an operator exports only the ones it
   * counts.
   */
  public static final class TableCounters {
    private final MetricGroup group;
    private final Map<String, Counter> counters = new HashMap<>();
    private final Map<Stage, Counter> quarantined = new EnumMap<>(Stage.class);

    private TableCounters(MetricGroup group) {
      this.group = group;
    }

    public Counter recordsIn() {
      return counter(RECORDS_IN);
    }

    public Counter rowsWritten() {
      return counter(ROWS_WRITTEN);
    }

    public Counter rowsRescued() {
      return counter(ROWS_RESCUED);
    }

    public Counter schemaChanges() {
      return counter(SCHEMA_CHANGES);
    }

    /** Quarantined records of {@code stage}. */
    public Counter rowsQuarantined(Stage stage) {
      return quarantined.computeIfAbsent(
          stage, s -> group.addGroup(STAGE, s.label()).counter(ROWS_QUARANTINED));
    }

    private Counter counter(String name) {
      return counters.computeIfAbsent(name, group::counter);
    }
  }
}
