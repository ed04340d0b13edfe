package io.driftway.connectors.tracking;

import io.driftway.connectors.alerts.SchemaChangeAlert;
import io.driftway.connectors.freshness.TableActivity;
import io.driftway.connectors.source.RawRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;
import org.apache.flink.runtime.operators.coordination.OperatorEventGateway;
import org.apache.flink.runtime.operators.coordination.OperatorEventHandler;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Runs a settling {@link TrackAndConform} as an operator whose schema settles meet the other
 * subtasks' through the {@link SettleCoordinator}. Just before each checkpoint barrier leaves, this
 * subtask readies the records waiting on a schema move and proposes their record schemas (an empty
 * proposal when it holds none); the records stay held, in operator state, across the barrier. The
 * coordinator answers once every subtask proposed for that checkpoint, with the union of the
 * proposals, and only then does this subtask move its tables and write those records: their rows go
 * into the next checkpoint's commit. Flink holds a coordinator's events to a subtask from the
 * coordinator's checkpoint until the subtask's own, so the answer cannot be awaited before the
 * barrier; holding the records in state keeps them exactly once instead (a restore reads them
 * again, and they are proposed again).
 *
 * <p>At the end of a bounded input the subtask proposes what it holds once more and waits for the
 * answers to all its proposals (the mailbox keeps running meanwhile: barriers pass and are
 * snapshotted as above), so every held row is written before the input's last checkpoint. It stays
 * chained between the source and Iceberg's sink.
 */
final class TrackAndConformOperator extends AbstractStreamOperator<SinkRecord>
    implements OneInputStreamOperator<RawRecord, SinkRecord>,
        BoundedOneInput,
        OperatorEventHandler {
  private static final long serialVersionUID = 1L;

  private final TrackAndConform tracking;
  private final CheckpointTables checkpointTables;
  private final transient OperatorEventGateway coordinator;
  private final transient MailboxExecutor mailbox;

  /** Stands for the checkpoint the next snapshot will take. */
  private static final long THIS_INTERVAL = Long.MAX_VALUE;

  private transient TrackAndConform.Out out;

  /** Records proposed for a settle, waiting for the coordinator's answer, by round. */
  private transient TreeMap<Long, SchemaSettler.Prepared> proposed;

  /** What {@link #proposed} held at the last snapshot, restored after a failure. */
  private transient ListState<RawRecord> heldState;

  private transient List<RawRecord> restored;

  /** Whether this subtask's input ended: it takes part in no later round. */
  private transient boolean ended;

  /**
   * Tables this subtask handed rows for since its last snapshot, each with the oldest checkpoint by
   * which the records behind those rows were read ({@link #THIS_INTERVAL} for records read since
   * the last snapshot); kept only for {@link #checkpointTables}.
   */
  private transient Map<String, Long> touched;

  /** The checkpoint by which the records of each proposed round were read, by round. */
  private transient Map<Long, Long> readBy;

  /** The checkpoint by which the rows being handed on were read; {@link #THIS_INTERVAL} if now. */
  private transient long emitting;

  /** The newest checkpoint this subtask took a snapshot for, or -1. */
  private transient long lastSnapshot;

  /** The checkpoint restored from while its held records wait for their first round, or -1. */
  private transient long restoredFrom;

  /** The table of the last row handed on, so a run of rows for one table costs one comparison. */
  private transient TableIdentifier lastTable;

  TrackAndConformOperator(
      StreamOperatorParameters<SinkRecord> parameters,
      TrackAndConform tracking,
      CheckpointTables checkpointTables,
      OperatorEventGateway coordinator,
      MailboxExecutor mailbox) {
    super(parameters);
    this.tracking = tracking;
    this.checkpointTables = checkpointTables;
    this.coordinator = coordinator;
    this.mailbox = mailbox;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    heldState =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>("settle-held", TypeInformation.of(RawRecord.class)));
    restored = new ArrayList<>();
    restoredFrom = -1;
    if (context.isRestored()) {
      heldState.get().forEach(restored::add);
      if (!restored.isEmpty()) {
        restoredFrom = context.getRestoredCheckpointId().orElse(-1);
      }
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    tracking.open(getMetricGroup());
    proposed = new TreeMap<>();
    touched = new HashMap<>();
    readBy = new HashMap<>();
    emitting = THIS_INTERVAL;
    lastSnapshot = -1;
    out =
        new TrackAndConform.Out() {
          @Override
          // Identity first: rows of one table share its identifier, and the set compares by value.
          @SuppressWarnings("ReferenceEquality")
          public void row(SinkRecord row) {
            if (checkpointTables != null) {
              if (emitting != THIS_INTERVAL) {
                touched.merge(row.tableIdentifier().toString(), emitting, Math::min);
              } else if (row.tableIdentifier() != lastTable) {
                lastTable = row.tableIdentifier();
                touched.putIfAbsent(lastTable.toString(), THIS_INTERVAL);
              }
            }
            output.collect(new StreamRecord<>(row));
          }

          @Override
          public void alert(SchemaChangeAlert alert) {
            output.collect(TrackAndConform.ALERTS, new StreamRecord<>(alert));
          }

          @Override
          public void activity(TableActivity activity) {
            output.collect(TrackAndConform.ACTIVITY, new StreamRecord<>(activity));
          }
        };
    // Held when the job failed: tracked again, as if just read (the table may have moved since).
    emitting = restoredFrom < 0 ? THIS_INTERVAL : restoredFrom;
    for (RawRecord raw : restored) {
      tracking.process(raw, out);
    }
    emitting = THIS_INTERVAL;
    restored = null;
  }

  @Override
  public void processElement(StreamRecord<RawRecord> element) {
    tracking.process(element.getValue(), out);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    if (!ended) {
      propose(checkpointId);
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    List<RawRecord> held = new ArrayList<>();
    proposed.values().forEach(prepared -> held.addAll(prepared.raws()));
    heldState.update(held);
    if (checkpointTables != null) {
      long checkpoint = context.getCheckpointId();
      Map<String, Long> tables = new HashMap<>();
      touched.forEach((table, read) -> tables.put(table, Math.min(read, checkpoint)));
      OptionalLong heldSince =
          proposed.keySet().stream().mapToLong(round -> readBy.get(round)).min();
      checkpointTables.snapshot(
          getRuntimeContext().getJobInfo().getJobId().toHexString(),
          checkpoint,
          getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
          tables,
          heldSince);
      touched.clear();
      lastTable = null;
      lastSnapshot = checkpoint;
    }
  }

  @Override
  public void endInput() throws Exception {
    propose(SettleRounds.END);
    ended = true;
    while (!proposed.isEmpty()) {
      // Barriers that come meanwhile are taken as usual; the answers arrive as mails.
      mailbox.yield();
    }
  }

  private void propose(long round) {
    SchemaSettler.Prepared prepared = tracking.prepare(out);
    coordinator.sendEventToCoordinator(
        new SettleEvents.Propose(round, SchemaCodec.encode(prepared.schemas())));
    if (!prepared.isEmpty()) {
      proposed.put(round, prepared);
      // Read before this barrier; at the end of the input, since the last snapshot's barrier.
      long read = round == SettleRounds.END ? lastSnapshot + 1 : round;
      if (restoredFrom >= 0) {
        // The first round after a restore also holds what the restored checkpoint held.
        read = Math.min(read, restoredFrom);
        restoredFrom = -1;
      }
      readBy.put(round, read);
    }
  }

  @Override
  public void handleOperatorEvent(OperatorEvent event) {
    if (event instanceof SettleEvents.Decision decision) {
      SchemaSettler.Prepared prepared = proposed.remove(decision.round());
      if (prepared != null) {
        Long read = readBy.remove(decision.round());
        emitting = read == null ? THIS_INTERVAL : read;
        try {
          tracking.apply(prepared, SchemaCodec.decode(decision.schemas()), out);
        } finally {
          emitting = THIS_INTERVAL;
        }
        // Read since the last proposal: most fit the moved table now.
        tracking.reconsiderWaiting(out);
      }
    }
  }

  @Override
  public void close() throws Exception {
    tracking.close();
    super.close();
  }
}
