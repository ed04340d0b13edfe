package io.driftway.connectors.tracking;

import io.driftway.connectors.source.RawRecord;
import java.util.List;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** What a unit test needs to call {@link TrackAndConform#processElement} without a Flink job. */
final class TrackAndConformContexts {

  private TrackAndConformContexts() {}

  /** A collector that adds every emitted row to {@code rows}. */
  static Collector<SinkRecord> list(List<SinkRecord> rows) {
    return new Collector<>() {
      @Override
      public void collect(SinkRecord record) {
        rows.add(record);
      }

      @Override
      public void close() {}
    };
  }

  /** A context that drops side outputs (alerts) and has no timers. */
  static final class NoTimers extends ProcessFunction<RawRecord, SinkRecord>.Context {
    NoTimers(TrackAndConform function) {
      function.super();
    }

    @Override
    public Long timestamp() {
      return null;
    }

    @Override
    public TimerService timerService() {
      throw new UnsupportedOperationException("no timers in this test");
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {}
  }
}
