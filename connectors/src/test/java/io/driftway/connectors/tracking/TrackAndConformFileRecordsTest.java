package io.driftway.connectors.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.connectors.source.Encoding;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File records through tracking: partition values become columns on every path. */
class TrackAndConformFileRecordsTest {

  @TempDir Path warehouse;

  @Test
  void partitionValuesReachEveryRowEvenWhenTheSchemaAlreadyFits() {
    TrackingSettings settings =
        new TrackingSettings(
            "p", FormatSettings.files(), RoutingSettings.single("events"), Map.of(), "db");
    TrackAndConform track =
        new TrackAndConform(
            settings,
            IcebergCatalogs.builder("t").warehouse(warehouse.toString()).hadoop().build());
    track.open(null);
    List<SinkRecord> rows = new ArrayList<>();

    // The first record moves the schema to {id, dt}; the second fits it as JSON alone, so only
    // the decoder (not the JSON fast path) can give it its partition value.
    track.processElement(record("{\"id\":1}", "2026-01-01", 1), new NoTimers(track), list(rows));
    track.processElement(record("{\"id\":2}", "2026-01-02", 2), new NoTimers(track), list(rows));
    track.processElement(
        RawRecord.ofFile(
            "{\"id\":3,\"dt\":\"x\"}".getBytes(StandardCharsets.UTF_8),
            Encoding.json(),
            Map.of(),
            SourceCoordinates.file("file:/in/a.json", 3),
            -1),
        new NoTimers(track),
        list(rows));

    assertThat(rows).hasSize(3);
    int dt = rows.get(1).schema().columns().indexOf(rows.get(1).schema().findField("dt"));
    assertThat(rows)
        .extracting(r -> r.rowData().getString(dt).toString())
        .containsExactly("2026-01-01", "2026-01-02", "x");
  }

  private static RawRecord record(String json, String day, long line) {
    return RawRecord.ofFile(
        json.getBytes(StandardCharsets.UTF_8),
        Encoding.json(),
        Map.of("dt", day),
        SourceCoordinates.file("file:/in/dt=" + day + "/a.json", line),
        -1);
  }

  private static Collector<SinkRecord> list(List<SinkRecord> rows) {
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
  private static final class NoTimers extends ProcessFunction<RawRecord, SinkRecord>.Context {
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
