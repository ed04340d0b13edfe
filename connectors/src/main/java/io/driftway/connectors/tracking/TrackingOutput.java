package io.driftway.connectors.tracking;

import io.driftway.connectors.alerts.SchemaChangeAlert;
import io.driftway.connectors.freshness.TableActivity;
import io.driftway.connectors.metrics.PipelineMetrics;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.connectors.quarantine.Stage;
import io.driftway.connectors.source.RawRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Everything tracking hands on, counted: table rows (with the table's activity signs for the
 * freshness monitor), quarantine rows and schema alerts. One per tracker, used from its task thread
 * only. A process function gets a new collector and context with each element, so the tracker
 * {@linkplain #bind binds} the current {@link TrackAndConform.Out} before it hands anything on.
 */
final class TrackingOutput {

  private final PipelineMetrics metrics;
  private final String branch;
  private final Map<String, Long> lastActivity = new HashMap<>();
  private Clock clock;
  private TrackAndConform.Out out;

  TrackingOutput(PipelineMetrics metrics, String branch, Clock clock) {
    this.metrics = metrics;
    this.branch = branch;
    this.clock = clock;
  }

  /** Where the next rows and alerts go. */
  void bind(TrackAndConform.Out current) {
    this.out = current;
  }

  /** Tests set the clock that times alerts, quarantine rows and activity signs. */
  void clock(Clock value) {
    this.clock = value;
  }

  Clock clock() {
    return clock;
  }

  /** The branch every row goes to. */
  String branch() {
    return branch;
  }

  /**
   * A table row, counted for the table named {@code name}; a sign of the table's activity at most
   * once a second.
   */
  void written(SinkRecord row, String name, boolean rescued) {
    out.row(row);
    PipelineMetrics.TableCounters counters = metrics.table(name);
    counters.recordsIn().inc();
    counters.rowsWritten().inc();
    if (rescued) {
      counters.rowsRescued().inc();
    }
    long now = clock.millis();
    Long last = lastActivity.get(name);
    if (last == null || now - last >= TrackAndConform.ACTIVITY_EVERY_MILLIS) {
      lastActivity.put(name, now);
      out.activity(new TableActivity(name, now));
    }
  }

  /** {@code raw} as a row of the quarantine table {@code target}, with why. */
  void quarantine(
      RawRecord raw, TableIdentifier target, Stage stage, String reason, String errorClass) {
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

  void alert(SchemaChangeAlert alert) {
    out.alert(alert);
  }
}
