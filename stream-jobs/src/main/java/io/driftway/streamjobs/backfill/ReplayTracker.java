package io.driftway.streamjobs.backfill;

import io.driftway.connectors.source.RawRecord;
import io.driftway.streamjobs.quarantine.ReplayLedger;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The {@link BookmarkTracker} of a replay, chained right behind its source: notes every record it
 * passes on ({@link ReplayLedger#recordKey} and {@link ReplayLedger#rulesKey}, at the time the
 * replay was planned) and writes what it noted to the {@link BookmarkLog} at every checkpoint,
 * before the checkpoint can complete. A record passed on before checkpoint {@code n}'s barrier is
 * in that checkpoint's commit (as a row or a quarantine row), so its note counts exactly when a
 * table says checkpoint {@code n} of this job is committed.
 */
final class ReplayTracker extends ProcessFunction<ReplayItem, RawRecord>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  private final BookmarkLog log;
  private final String runId;
  private final String rules;
  private final String plannedAt;

  private transient Map<String, String> seen;
  private transient ListState<String> state;
  private transient Counter recordsRead;
  private transient Counter bytesRead;

  ReplayTracker(BookmarkLog log, String runId, String rules, long plannedAtMillis) {
    this.log = log;
    this.runId = runId;
    this.rules = rules;
    this.plannedAt = Long.toString(plannedAtMillis);
  }

  @Override
  public void open(OpenContext context) {
    var group = getRuntimeContext().getMetricGroup();
    recordsRead = group.counter(BookmarkTracker.RECORDS_READ);
    bytesRead = group.counter(BookmarkTracker.BYTES_READ);
  }

  @Override
  public void processElement(ReplayItem item, Context context, Collector<RawRecord> out) {
    RawRecord raw = item.toRawRecord();
    recordsRead.inc();
    if (raw.value() != null) {
      bytesRead.inc(raw.value().length);
    }
    seen.put(ReplayLedger.recordKey(item.recordId()), plannedAt);
    seen.put(ReplayLedger.rulesKey(item.recordId(), rules), plannedAt);
    out.collect(raw);
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    // Written before this checkpoint can complete, hence before its Iceberg commit.
    log.writeCheckpoint(
        runId,
        getRuntimeContext().getJobInfo().getJobId().toHexString(),
        context.getCheckpointId(),
        getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
        Progress.of(seen));
    state.update(seen.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    state =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("replay-records", String.class));
    seen = new HashMap<>();
    if (context.isRestored()) {
      for (String entry : state.get()) {
        int split = entry.lastIndexOf('=');
        seen.put(entry.substring(0, split), entry.substring(split + 1));
      }
    }
  }
}
