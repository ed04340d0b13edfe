package io.driftway.connectors.freshness;

import io.driftway.connectors.alerts.AlertSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Watches each table's newest committed snapshot: the gauge {@code newest_commit_age_seconds}, and
 * for a table with a freshness SLO the gauge {@code freshness_breached} and the alerts {@code
 * freshness_breached} and {@code freshness_recovered}.
 *
 * <p>A table breaches its SLO when rows reached its writer after its newest commit and neither that
 * commit nor the first of those rows is within the SLO (input that resumes after an idle spell gets
 * one SLO to be committed). It recovers when a newer commit is within the SLO, or nothing seen is
 * left uncommitted. Breach and recovery each send one alert, whose id names the snapshot that went
 * stale.
 *
 * <p>The decisions are made by an operator coordinator on the JobManager, not in a task: a catalog
 * that refuses commits makes the committer fail at every restart of the job, which took a monitor
 * inside the job down with it before it could decide. The coordinator reads the catalog every
 * quarter of the SLO (between 1 and 15 seconds; 15 seconds without an SLO, and at once when a table
 * is first seen), and sends alerts straight to the pipeline's destinations.
 *
 * <pre>{@code
 * CommitMonitor.attach(
 *     rows.getSideOutput(TrackAndConform.ACTIVITY), catalogLoader, "orders",
 *     Map.of("sales.orders", Duration.ofMinutes(2)), alertSettings, "orders-freshness-monitor");
 * }</pre>
 */
public final class CommitMonitor {
  static final Duration MIN_CHECK = Duration.ofSeconds(1);
  static final Duration MAX_CHECK = Duration.ofSeconds(15);

  private CommitMonitor() {}

  /**
   * Adds the monitor behind {@code activity} (one subtask, operator uid {@code uid}).
   *
   * @param slos freshness SLO by table ({@code database.table}); tables without one get the gauge
   *     only
   */
  public static void attach(
      DataStream<TableActivity> activity,
      CatalogLoader catalogLoader,
      String pipeline,
      Map<String, Duration> slos,
      AlertSettings alerts,
      String uid) {
    activity
        .transform(
            "commits: monitor",
            Types.VOID,
            new MonitorFactory(catalogLoader, pipeline, slos, alerts))
        .uid(uid)
        .setParallelism(1)
        .setMaxParallelism(1);
  }

  /** How often a table's newest commit is read. */
  static Duration checkEvery(Duration slo) {
    if (slo == null) {
      return MAX_CHECK;
    }
    Duration quarter = slo.dividedBy(4);
    if (quarter.compareTo(MIN_CHECK) < 0) {
      return MIN_CHECK;
    }
    return quarter.compareTo(MAX_CHECK) > 0 ? MAX_CHECK : quarter;
  }
}
