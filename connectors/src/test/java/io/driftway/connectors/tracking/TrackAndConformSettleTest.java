package io.driftway.connectors.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.alerts.SchemaChangeAlert;
import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.freshness.TableActivity;
import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A settling tracker decides a checkpoint's schema moves from all of its records at once: a new
 * field first seen with incompatible types gets the type first in the documented order, whatever
 * the arrival order, and every record is conformed to that one schema.
 */
class TrackAndConformSettleTest {

  @TempDir Path folder;

  private static final List<String> RECORDS =
      List.of(
          "{\"id\": 1, \"x\": 5, \"n\": {\"v\": 1}}",
          "{\"id\": 2, \"x\": \"abc\", \"n\": {\"v\": true}}",
          "{\"id\": 3, \"x\": 2.5}",
          "{\"id\": 4, \"x\": 7, \"n\": {\"v\": 2}}",
          "{\"id\": 5, \"y\": 1}");

  @Test
  void theSameRecordsInAnyOrderSettleToOneSchemaAndTheSameRows() {
    List<String> outcomes = new ArrayList<>();
    for (long seed = 1; seed <= 4; seed++) {
      List<String> shuffled = new ArrayList<>(RECORDS);
      Collections.shuffle(shuffled, new Random(seed));
      outcomes.add(run(folder.resolve("w" + seed), shuffled));
    }

    assertThat(outcomes).containsOnly(outcomes.get(0));
    // string before double before long (x), long before boolean (n.v); under widen the values of
    // the losing types are rescued, not converted.
    assertThat(outcomes.get(0))
        .startsWith(
            """
            table {
              1: id: optional long
              2: n: optional struct<6: v: optional long>
              3: x: optional string
              4: y: optional long
              5: _rescued_data: optional string
            }""")
        .contains("1 -> {_rescued_data={\"/x\":5}, id=1, n={v=1}, x=null, y=null}")
        .contains("2 -> {_rescued_data={\"/n/v\":true}, id=2, n={v=null}, x=abc, y=null}")
        .contains("3 -> {_rescued_data={\"/x\":2.5}, id=3, n=null, x=null, y=null}");
  }

  @Test
  void recordsThatFollowADriftGetTheirOwnValuesWhetherTheTableSettlesAtTheirSchemaOrBeyondIt() {
    List<String> followers = new ArrayList<>();
    for (int id = 1; id <= 30; id++) {
      followers.add("{\"id\": " + id + ", \"x\": \"s" + id + "\", \"y\": " + (id * 10) + "}");
    }
    List<String> beyond = new ArrayList<>(followers);
    beyond.add("{\"id\": 31, \"n\": {\"v\": 4}, \"y\": 310}");

    String atTheirSchema = run(folder.resolve("at"), followers);
    String widerStill = run(folder.resolve("beyond"), beyond);

    assertThat(atTheirSchema)
        .contains("1 -> {_rescued_data=null, id=1, x=s1, y=10}")
        .contains("30 -> {_rescued_data=null, id=30, x=s30, y=300}");
    assertThat(widerStill)
        .contains("1 -> {_rescued_data=null, id=1, n=null, x=s1, y=10}")
        .contains("30 -> {_rescued_data=null, id=30, n=null, x=s30, y=300}")
        .contains("31 -> {_rescued_data=null, id=31, n={v=4}, x=null, y=310}");
  }

  @Test
  void recordsReadWhileASettleIsDecidedAreWrittenRightAfterItWhenTheyFitTheMovedTable() {
    TrackAndConform track = tracker(folder.resolve("reconsider"));
    List<Long> written = new ArrayList<>();
    TrackAndConform.Out out = collecting(written, new ArrayList<>());
    track.process(json("{\"id\": 1, \"x\": \"a\"}", 0), out);
    SchemaSettler.Prepared first = track.prepare(out);
    // Read after the proposal went out, before its answer: the table has no x yet.
    track.process(json("{\"id\": 2, \"x\": \"b\"}", 1), out);
    track.process(json("{\"id\": 3, \"z\": 7}", 2), out);

    track.apply(first, Map.of(), out);

    assertThat(written).containsExactly(1L);

    track.reconsiderWaiting(out);

    // 2 fits the moved table; 3 still needs a move of its own and waits for the next settle.
    assertThat(written).containsExactly(1L, 2L);

    track.apply(track.prepare(out), Map.of(), out);

    assertThat(written).containsExactly(1L, 2L, 3L);
  }

  @Test
  void afterARecordReadForTheDriftedSchemaTheNextWaitsForTheSettleEvenInTheOldShape() {
    TrackAndConform track = tracker(folder.resolve("drift-first"));
    track.process(json("{\"id\": 1}", 0), collecting(new ArrayList<>(), new ArrayList<>()));
    track.flush(collecting(new ArrayList<>(), new ArrayList<>()));
    List<Long> written = new ArrayList<>();
    TrackAndConform.Out out = collecting(written, new ArrayList<>());

    track.process(json("{\"id\": 2}", 1), out);
    track.process(json("{\"id\": 3, \"x\": \"a\"}", 2), out);
    track.process(json("{\"id\": 4, \"x\": \"b\"}", 3), out);
    track.process(json("{\"id\": 5}", 4), out);

    // 2 is written at once; 3 moves the table; 4 is read for the schema 3 moves it to, so 5, old
    // shape or not, is tried there first and waits with them.
    assertThat(written).containsExactly(2L);

    track.flush(out);

    assertThat(written).containsExactly(2L, 3L, 4L, 5L);
    track.process(json("{\"id\": 6}", 5), out);
    assertThat(written).containsExactly(2L, 3L, 4L, 5L, 6L);
  }

  private static RawRecord json(String json, long offset) {
    return RawRecord.of(
        json.getBytes(StandardCharsets.UTF_8), SourceCoordinates.kafka("events", 0, offset), -1);
  }

  private static TrackAndConform tracker(Path warehouse) {
    TrackingSettings settings =
        new TrackingSettings(
            "p",
            FormatSettings.json(),
            RoutingSettings.single("events"),
            Map.of("events", TableSettings.defaults("db", "events")),
            "db");
    CatalogLoader catalog =
        IcebergCatalogs.builder("t").warehouse(warehouse.toString()).hadoop().build();
    TrackAndConform track = TrackAndConform.settling(settings, catalog, "main");
    track.open(new UnregisteredMetricsGroup());
    return track;
  }

  /** An output that keeps each row's id and each alert. */
  private static TrackAndConform.Out collecting(List<Long> ids, List<SchemaChangeAlert> alerts) {
    return new TrackAndConform.Out() {
      @Override
      public void row(SinkRecord row) {
        ids.add(row.rowData().getLong(0));
      }

      @Override
      public void alert(SchemaChangeAlert alert) {
        alerts.add(alert);
      }

      @Override
      public void activity(TableActivity activity) {}
    };
  }

  /** Tracks the records as one checkpoint does; the schema rows were written with, then rows. */
  private static String run(Path warehouse, List<String> records) {
    TrackAndConform track = tracker(warehouse);
    List<SinkRecord> rows = new ArrayList<>();
    List<SchemaChangeAlert> alerts = new ArrayList<>();
    TrackAndConform.Out out =
        new TrackAndConform.Out() {
          @Override
          public void row(SinkRecord row) {
            rows.add(row);
          }

          @Override
          public void alert(SchemaChangeAlert alert) {
            alerts.add(alert);
          }

          @Override
          public void activity(TableActivity activity) {}
        };
    long offset = 0;
    for (String json : records) {
      track.process(json(json, offset++), out);
    }
    track.flush(out);
    assertThat(alerts).hasSize(1);
    Map<Long, String> byId = new TreeMap<>();
    for (SinkRecord row : rows) {
      assertThat(row.schema().sameSchema(rows.get(0).schema())).isTrue();
      RowData data = row.rowData();
      Map<String, Object> values = new TreeMap<>();
      List<Types.NestedField> columns = row.schema().columns();
      for (int i = 0; i < columns.size(); i++) {
        Types.NestedField column = columns.get(i);
        Object value;
        if (data.isNullAt(i)) {
          value = null;
        } else if (column.type().isStructType()) {
          RowData struct = data.getRow(i, 1);
          value = "{v=" + (struct.isNullAt(0) ? null : struct.getLong(0)) + "}";
        } else if (column.type().typeId() == Type.TypeID.LONG) {
          value = data.getLong(i);
        } else {
          value = data.getString(i).toString();
        }
        values.put(column.name(), value);
      }
      byId.put((Long) values.get("id"), values.toString());
    }
    StringBuilder text = new StringBuilder(rows.get(0).schema().toString());
    byId.forEach((id, values) -> text.append('\n').append(id).append(" -> ").append(values));
    return text.toString();
  }
}
