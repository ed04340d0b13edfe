package io.driftway.streamjobs.audit;

import io.driftway.connectors.source.RawRecord;
import io.driftway.connectors.tracking.SinkRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Chained behind the sources: passes every raw record on, and notes per source partition the first
 * and last position read since the last checkpoint. Just before each checkpoint's barrier leaves
 * it, it emits one {@link SourceRanges} row per partition read to {@link #RANGES}, which the job
 * writes through the same Iceberg sink: the rows are in the checkpoint whose rows they describe,
 * and committed with them.
 *
 * <p>The last position of every partition is checkpointed (union list state, merged by the largest
 * position, so partitions may move between subtasks), so the first range after a restore says which
 * position it continues from.
 */
public final class RangeTracker extends AbstractStreamOperator<RawRecord>
    implements OneInputStreamOperator<RawRecord, RawRecord>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  /** The ranges rows, bound for the ranges table. */
  public static final OutputTag<SinkRecord> RANGES =
      new OutputTag<>("driftway-source-ranges", TypeInformation.of(SinkRecord.class));

  /** The checkpoint id Flink gives what a bounded input commits when it ends. */
  static final long END_OF_INPUT = Long.MAX_VALUE;

  private static final String SEPARATOR = "\t";

  private final String pipeline;
  // TableIdentifier is not Serializable; the operator travels with the job graph.
  private final String database;
  private final String tableName;
  private final String branch;

  private transient TableIdentifier table;

  private transient Map<SourcePartition, Reading> reading;
  // The partition of the record before: records mostly come in runs from one partition.
  private transient SourceCoordinates previous;
  private transient Reading previousReading;
  private transient Map<SourcePartition, String> lastCommitted;
  private transient ListState<String> state;

  /** Records ranges of {@code pipeline} into {@code table} on {@code branch}. */
  public RangeTracker(String pipeline, TableIdentifier table, String branch) {
    this.pipeline = pipeline;
    this.database = table.namespace().level(0);
    this.tableName = table.name();
    this.branch = branch;
  }

  /**
   * The positions read from one partition since the last checkpoint. Kafka offsets and file lines
   * are kept as numbers and Kinesis sequence numbers as their decimal strings, so that a record
   * costs a comparison, not a string.
   */
  private static final class Reading {
    final boolean numeric;
    long firstNumber;
    long lastNumber;
    String first;
    String last;
    long records;

    Reading(boolean numeric) {
      this.numeric = numeric;
    }

    void note(long position) {
      if (records++ == 0) {
        firstNumber = position;
        lastNumber = position;
      } else if (position > lastNumber) {
        lastNumber = position;
      } else if (position < firstNumber) {
        firstNumber = position;
      }
    }

    void note(String position) {
      if (records++ == 0) {
        first = position;
        last = position;
      } else if (CoveredRange.compare(position, last) > 0) {
        last = position;
      } else if (CoveredRange.compare(position, first) < 0) {
        first = position;
      }
    }

    String first() {
      return numeric ? Long.toString(firstNumber) : first;
    }

    String last() {
      return numeric ? Long.toString(lastNumber) : last;
    }
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    table = TableIdentifier.of(database, tableName);
    reading = new LinkedHashMap<>();
    lastCommitted = new HashMap<>();
    state =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("source-positions", String.class));
    if (context.isRestored()) {
      for (String entry : state.get()) {
        String[] parts = entry.split(SEPARATOR, -1);
        SourcePartition at =
            new SourcePartition(parts[0], parts[1], parts[2].isEmpty() ? null : parts[2]);
        lastCommitted.merge(at, parts[3], RangeTracker::larger);
      }
    }
  }

  @Override
  public void processElement(StreamRecord<RawRecord> element) {
    SourceCoordinates at = element.getValue().coordinates();
    Reading now = reading(at);
    if (now != null) {
      if (at instanceof SourceCoordinates.Kafka kafka) {
        now.note(kafka.offset());
      } else if (at instanceof SourceCoordinates.File file) {
        now.note(file.line());
      } else if (at instanceof SourceCoordinates.Kinesis kinesis) {
        now.note(kinesis.sequenceNumber());
      }
    }
    output.collect(element);
  }

  /** What was read from the partition of {@code at}; null when its origin is unknown. */
  private Reading reading(SourceCoordinates at) {
    if (previousReading != null && SourcePartition.same(previous, at)) {
      previous = at;
      return previousReading;
    }
    SourcePartition partition = SourcePartition.of(at);
    if (partition == null) {
      return null;
    }
    Reading now =
        reading.computeIfAbsent(
            partition, p -> new Reading(!SourcePartition.KINESIS.equals(p.source())));
    previous = at;
    previousReading = now;
    return now;
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    emitRanges(checkpointId);
  }

  @Override
  public void endInput() {
    // A bounded job's last records are committed at the end of input, not at a checkpoint.
    emitRanges(END_OF_INPUT);
  }

  private void emitRanges(long checkpointId) {
    if (reading.isEmpty()) {
      return;
    }
    String jobId = getRuntimeContext().getJobInfo().getJobId().toString();
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    for (Map.Entry<SourcePartition, Reading> entry : reading.entrySet()) {
      SourcePartition at = entry.getKey();
      Reading read = entry.getValue();
      CoveredRange range =
          new CoveredRange(
              at,
              lastCommitted.get(at),
              read.first(),
              read.last(),
              read.records,
              jobId,
              checkpointId);
      output.collect(
          RANGES,
          new StreamRecord<>(
              SinkRecord.of(
                  table,
                  branch,
                  SourceRanges.SCHEMA,
                  SourceRanges.row(pipeline, jobId, checkpointId, subtask, range),
                  SourceRanges.SPEC)));
      lastCommitted.merge(at, read.last(), RangeTracker::larger);
    }
    reading.clear();
    previousReading = null;
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    state.clear();
    for (Map.Entry<SourcePartition, String> entry : lastCommitted.entrySet()) {
      SourcePartition at = entry.getKey();
      state.add(
          at.source()
              + SEPARATOR
              + at.name()
              + SEPARATOR
              + (at.partition() == null ? "" : at.partition())
              + SEPARATOR
              + entry.getValue());
    }
  }

  private static String larger(String a, String b) {
    return CoveredRange.compare(a, b) >= 0 ? a : b;
  }
}
