package io.driftway.connectors.tracking;

import io.driftway.connectors.alerts.SchemaChangeAlert;
import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.freshness.TableActivity;
import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * A backlog of drifting 1 KB JSON records read in one checkpoint interval (no barrier until the
 * end), through a settling tracker with a given bound; record {@code i} carries a field {@code f<i
 * / every>}, so a new field arrives every {@code every} records. Rows are checked as they leave
 * (ids 0, 1, 2, ... in order) and not kept, so memory holds only what the tracker holds. Also a
 * main, for a child JVM with a small heap.
 */
final class DriftingBacklog {

  private static final String PAD = "x".repeat(1_000);

  /** What leaving the tracker looked like. */
  record Outcome(long rows, long outOfOrder, int alerts, int peakHeld) {}

  private DriftingBacklog() {}

  static Outcome run(Path warehouse, long records, long every, SettleBound bound) throws Exception {
    TrackingSettings settings =
        new TrackingSettings(
            "p",
            FormatSettings.json(),
            RoutingSettings.single("events"),
            Map.of("events", TableSettings.defaults("db", "events")),
            "db",
            bound);
    CatalogLoader catalog =
        IcebergCatalogs.builder("t").warehouse(warehouse.toString()).hadoop().build();
    TrackAndConform track = TrackAndConform.settling(settings, catalog, "main");
    track.open(new UnregisteredMetricsGroup());
    long[] next = {0};
    long[] outOfOrder = {0};
    int[] alerts = {0};
    TrackAndConform.Out out =
        new TrackAndConform.Out() {
          @Override
          public void row(SinkRecord row) {
            int id = row.schema().findField("id").fieldId();
            int index = row.schema().columns().indexOf(row.schema().findField(id));
            if (row.rowData().getLong(index) != next[0]) {
              outOfOrder[0]++;
            }
            next[0]++;
          }

          @Override
          public void alert(SchemaChangeAlert alert) {
            alerts[0]++;
          }

          @Override
          public void activity(TableActivity activity) {}
        };
    for (long i = 0; i < records; i++) {
      String json =
          "{\"id\": " + i + ", \"f" + (i / every) + "\": " + i + ", \"pad\": \"" + PAD + "\"}";
      track.process(
          RawRecord.of(
              json.getBytes(StandardCharsets.UTF_8), SourceCoordinates.kafka("events", 0, i), -1),
          out);
    }
    track.flush(out);
    track.close();
    return new Outcome(next[0], outOfOrder[0], alerts[0], track.peakHeld());
  }

  /**
   * {@code records every maxHeld} (bytes bound the default): prints the outcome; exit 0 when every
   * row left once, in order.
   */
  public static void main(String[] args) throws Exception {
    long records = Long.parseLong(args[0]);
    Path warehouse = Files.createTempDirectory("drifting-backlog");
    Outcome outcome =
        run(
            warehouse,
            records,
            Long.parseLong(args[1]),
            new SettleBound(Integer.parseInt(args[2]), SettleBound.DEFAULT_MAX_BYTES));
    System.out.println(outcome);
    System.exit(outcome.rows() == records && outcome.outOfOrder() == 0 ? 0 : 1);
  }
}
