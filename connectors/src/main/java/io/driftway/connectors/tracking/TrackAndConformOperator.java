package io.driftway.connectors.tracking;

import io.driftway.connectors.alerts.SchemaChangeAlert;
import io.driftway.connectors.freshness.TableActivity;
import io.driftway.connectors.source.RawRecord;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs a settling {@link TrackAndConform} as an operator, for the two hooks a function lacks: just
 * before a checkpoint barrier leaves, and at the end of a bounded input, the records waiting on a
 * schema move are settled and emitted, so they belong to the checkpoint that read them. It keeps no
 * state and stays chained between the source and Iceberg's sink.
 */
final class TrackAndConformOperator extends AbstractStreamOperator<SinkRecord>
    implements OneInputStreamOperator<RawRecord, SinkRecord>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  private final TrackAndConform tracking;
  private transient TrackAndConform.Out out;

  TrackAndConformOperator(TrackAndConform tracking) {
    this.tracking = tracking;
  }

  @Override
  public void open() throws Exception {
    super.open();
    tracking.open(getMetricGroup());
    out =
        new TrackAndConform.Out() {
          @Override
          public void row(SinkRecord row) {
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
  }

  @Override
  public void processElement(StreamRecord<RawRecord> element) {
    tracking.process(element.getValue(), out);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    tracking.flush(out);
  }

  @Override
  public void endInput() {
    tracking.flush(out);
  }

  @Override
  public void close() throws Exception {
    tracking.close();
    super.close();
  }
}
