package io.driftway.streamjobs.backfill;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
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
 * Chained right behind a backfill's Kafka or Kinesis source: drops records that an earlier run
 * already committed (by the bookmark), tracks the last position read per partition or shard, and at
 * every checkpoint writes that position to the {@link BookmarkLog} before the checkpoint can
 * complete. Everything read before a checkpoint's barrier is in that checkpoint's Iceberg commit,
 * so a position logged at checkpoint {@code n} is committed exactly when the table says checkpoint
 * {@code n} of this job is.
 *
 * <p>Positions are also kept in Flink state (union list state, merged by the largest position), so
 * a run resumed from a checkpoint keeps logging cumulative progress.
 */
final class BookmarkTracker extends ProcessFunction<RawRecord, RawRecord>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  /** Counters the progress display reads from Flink's REST metrics. */
  static final String RECORDS_READ = "driftwayRecordsRead";

  static final String BYTES_READ = "driftwayBytesRead";
  static final String RECORDS_SKIPPED = "driftwayRecordsSkipped";

  private final BookmarkLog log;
  private final String runId;
  private final Progress skip;

  private transient Map<String, String> seen;
  private transient ListState<String> state;
  private transient Counter recordsRead;
  private transient Counter bytesRead;
  private transient Counter recordsSkipped;
  private transient LongCounter skippedTotal;

  BookmarkTracker(BookmarkLog log, String runId, Progress skip) {
    this.log = log;
    this.runId = runId;
    this.skip = skip;
  }

  @Override
  public void open(OpenContext context) {
    var group = getRuntimeContext().getMetricGroup();
    recordsRead = group.counter(RECORDS_READ);
    bytesRead = group.counter(BYTES_READ);
    recordsSkipped = group.counter(RECORDS_SKIPPED);
    // Also an accumulator: the job's result carries it after the job ended, for the summary.
    skippedTotal = new LongCounter();
    getRuntimeContext().addAccumulator(RECORDS_SKIPPED, skippedTotal);
  }

  @Override
  public void processElement(RawRecord raw, Context context, Collector<RawRecord> out) {
    recordsRead.inc();
    if (raw.value() != null) {
      bytesRead.inc(raw.value().length);
    }
    SourceCoordinates at = raw.coordinates();
    String key = key(at);
    if (key != null) {
      String position = position(at);
      if (skip.covers(key, position)) {
        recordsSkipped.inc();
        skippedTotal.add(1);
        return;
      }
      String before = seen.get(key);
      if (before == null || Progress.compare(before, position) < 0) {
        seen.put(key, position);
      }
    }
    out.collect(raw);
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    Progress progress = Progress.of(seen);
    // Written before this checkpoint can complete, hence before its Iceberg commit.
    log.writeCheckpoint(
        runId,
        getRuntimeContext().getJobInfo().getJobId().toHexString(),
        context.getCheckpointId(),
        getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
        progress);
    state.update(encode(seen));
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    state =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("backfill-positions", String.class));
    seen = new HashMap<>();
    if (context.isRestored()) {
      for (String entry : state.get()) {
        int split = entry.lastIndexOf('=');
        String key = entry.substring(0, split);
        String position = entry.substring(split + 1);
        String before = seen.get(key);
        if (before == null || Progress.compare(before, position) < 0) {
          seen.put(key, position);
        }
      }
    }
  }

  private static List<String> encode(Map<String, String> positions) {
    return positions.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  /** The bookmark key of a record's partition or shard; null for other sources. */
  static String key(SourceCoordinates at) {
    if (at instanceof SourceCoordinates.Kafka kafka) {
      return kafkaKey(kafka.topic(), kafka.partition());
    }
    if (at instanceof SourceCoordinates.Kinesis kinesis) {
      return "kinesis:" + kinesis.stream() + "/" + kinesis.shardId();
    }
    return null;
  }

  static String kafkaKey(String topic, int partition) {
    return "kafka:" + topic + "/" + partition;
  }

  private static String position(SourceCoordinates at) {
    if (at instanceof SourceCoordinates.Kafka kafka) {
      return Long.toString(kafka.offset());
    }
    return ((SourceCoordinates.Kinesis) at).sequenceNumber();
  }
}
