package io.driftway.connectors.tracking;

import static io.driftway.connectors.tracking.TrackAndConformContexts.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.connectors.source.Encoding;
import io.driftway.connectors.source.RawRecord;
import io.driftway.connectors.tracking.TrackAndConformContexts.NoTimers;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
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
    track.open(new UnregisteredMetricsGroup());
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
}
