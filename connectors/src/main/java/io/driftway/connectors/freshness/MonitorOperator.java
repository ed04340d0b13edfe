package io.driftway.connectors.freshness;

import io.driftway.connectors.metrics.PipelineMetrics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;
import org.apache.flink.runtime.operators.coordination.OperatorEventGateway;
import org.apache.flink.runtime.operators.coordination.OperatorEventHandler;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.ProcessingTimeService;

/**
 * The task side of the commit monitor: passes input signs to the {@link FreshnessCoordinator} and
 * shows what it sees as the per-table gauges {@code newest_commit_age_seconds} and {@code
 * freshness_breached}. Holds no state: the coordinator sends everything again when it is ready.
 */
final class MonitorOperator extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<TableActivity, Void>, OperatorEventHandler {
  private static final long serialVersionUID = 1L;
  private static final long SEND_EVERY_MILLIS = 1_000;

  private final transient OperatorEventGateway coordinator;
  private transient PipelineMetrics pipelineMetrics;
  private transient Set<String> registered;
  private transient Map<String, Long> lastSent;
  private transient Map<String, Long> held;
  private transient boolean flushScheduled;
  private transient Map<String, Long> newestCommit;
  private transient Map<String, Integer> breached;

  MonitorOperator(StreamOperatorParameters<Void> parameters, OperatorEventGateway coordinator) {
    super(parameters);
    this.coordinator = coordinator;
  }

  @Override
  public void open() throws Exception {
    super.open();
    pipelineMetrics = PipelineMetrics.on(getRuntimeContext().getMetricGroup());
    registered = new HashSet<>();
    lastSent = new HashMap<>();
    held = new HashMap<>();
    newestCommit = new ConcurrentHashMap<>();
    breached = new ConcurrentHashMap<>();
  }

  @Override
  public void processElement(StreamRecord<TableActivity> element) {
    TableActivity activity = element.getValue();
    // Every writer subtask signs each table once a second; the JobManager needs one a second per
    // table, so a sign within the second is held (the newest) and sent when the second is over.
    Long sent = lastSent.get(activity.table());
    if (sent == null || activity.atMillis() - sent >= SEND_EVERY_MILLIS) {
      send(activity.table(), activity.atMillis());
      held.remove(activity.table());
      return;
    }
    held.merge(activity.table(), activity.atMillis(), Math::max);
    if (!flushScheduled) {
      flushScheduled = true;
      ProcessingTimeService time = getProcessingTimeService();
      var unused =
          time.registerTimer(time.getCurrentProcessingTime() + SEND_EVERY_MILLIS, this::flush);
    }
  }

  private void flush(long timestamp) {
    flushScheduled = false;
    held.forEach(this::send);
    held.clear();
  }

  private void send(String table, long atMillis) {
    lastSent.put(table, atMillis);
    coordinator.sendEventToCoordinator(new MonitorEvents.Input(table, atMillis));
  }

  @Override
  public void handleOperatorEvent(OperatorEvent event) {
    if (!(event instanceof MonitorEvents.Seen seen) || registered == null) {
      return;
    }
    String table = seen.table();
    if (seen.newestCommitMillis() != null) {
      newestCommit.put(table, seen.newestCommitMillis());
    }
    if (seen.breached() != null) {
      breached.put(table, seen.breached() ? 1 : 0);
    }
    if (registered.add(table)) {
      pipelineMetrics
          .tableGroup(table)
          .gauge(
              PipelineMetrics.NEWEST_COMMIT_AGE,
              () -> {
                Long newest = newestCommit.get(table);
                return newest == null
                    ? Double.NaN
                    : Math.max(0, System.currentTimeMillis() - newest) / 1000.0;
              });
      if (seen.breached() != null) {
        pipelineMetrics
            .tableGroup(table)
            .gauge(PipelineMetrics.FRESHNESS_BREACHED, () -> breached.getOrDefault(table, 0));
      }
    }
  }
}
