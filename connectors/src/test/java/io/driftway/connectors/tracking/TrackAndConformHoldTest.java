package io.driftway.connectors.tracking;

import static io.driftway.connectors.tracking.TrackAndConformContexts.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.alerts.SchemaChangeAlert;
import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code new-fields: hold}: a record with a held field waits as a held quarantine row, one alert
 * says so, records that fit flow, and a column added in the catalog (an approval) lets the field
 * through once the tracker looks again.
 */
class TrackAndConformHoldTest {

  private static final TableIdentifier ORDERS = TableIdentifier.of("shop", "orders");

  @TempDir Path warehouse;

  @Test
  void holdsRecordsWithAHeldFieldAlertsOnceAndLetsThemThroughOnceTheColumnIsApproved() {
    CatalogLoader catalog =
        IcebergCatalogs.builder("t").warehouse(warehouse.toString()).hadoop().build();
    Table table =
        catalog
            .loadCatalog()
            .createTable(
                ORDERS,
                new Schema(
                    Types.NestedField.optional(1, "id", Types.LongType.get()),
                    Types.NestedField.optional(2, "_rescued_data", Types.StringType.get())));
    TrackAndConform track = open(catalog);
    MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
    track.clock(clock);
    List<SinkRecord> rows = new ArrayList<>();
    List<SchemaChangeAlert> alerts = new ArrayList<>();
    Alerts context = new Alerts(track, alerts);

    track.processElement(kafka("{\"id\":1}", 1), context, list(rows));
    track.processElement(kafka("{\"id\":2,\"coupon\":\"A\"}", 2), context, list(rows));
    clock.advance(Duration.ofMillis(500));
    track.processElement(kafka("{\"id\":3,\"coupon\":\"B\"}", 3), context, list(rows));
    track.processElement(kafka("{\"id\":4}", 4), context, list(rows));

    assertThat(rows)
        .extracting(r -> r.tableIdentifier().name())
        .containsExactly("orders", "orders_quarantine", "orders_quarantine", "orders");
    SinkRecord held = rows.get(1);
    assertThat(held.tableIdentifier()).isEqualTo(QuarantineTable.idFor(ORDERS));
    assertThat(held.rowData().getString(1).toString()).isEqualTo("held");
    assertThat(held.rowData().getString(2).toString())
        .isEqualTo(
            "Held for approval: new field /coupon (string) under new-fields=hold; decide with:"
                + " driftway schema approve shop.orders --path /coupon (or reject)");
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).changes())
        .containsExactly(
            new SchemaChangeAlert.Change("HOLD", "/coupon", null, "string", "new-fields=hold"));
    assertThat(alerts.get(0).firstSeenAt()).isEqualTo("kafka:orders/0@2");

    // The approval adds the column; within a second of the last look the record still waits.
    table.updateSchema().addColumn("coupon", Types.StringType.get()).commit();
    track.processElement(kafka("{\"id\":5,\"coupon\":\"C\"}", 5), context, list(rows));
    clock.advance(Duration.ofSeconds(1));
    track.processElement(kafka("{\"id\":6,\"coupon\":\"D\"}", 6), context, list(rows));

    assertThat(rows.get(4).tableIdentifier()).isEqualTo(QuarantineTable.idFor(ORDERS));
    SinkRecord through = rows.get(5);
    assertThat(through.tableIdentifier()).isEqualTo(ORDERS);
    assertThat(through.schema().findField("coupon")).isNotNull();
    assertThat(alerts).hasSize(1);
  }

  @Test
  void aTableNotCreatedYetIsMadeFromItsFirstRecordsUnderHold() {
    CatalogLoader catalog =
        IcebergCatalogs.builder("t").warehouse(warehouse.toString()).hadoop().build();
    TrackAndConform track = open(catalog);
    List<SinkRecord> rows = new ArrayList<>();
    List<SchemaChangeAlert> alerts = new ArrayList<>();
    Alerts context = new Alerts(track, alerts);

    for (int i = 0; i < 3; i++) {
      track.processElement(
          kafka("{\"event_type\":\"order\",\"id\":" + i + "}", i), context, list(rows));
    }

    assertThat(rows)
        .extracting(r -> r.tableIdentifier().name())
        .containsExactly("orders", "orders", "orders");
  }

  private TrackAndConform open(CatalogLoader catalog) {
    TableSettings defaults = TableSettings.defaults("shop", "orders");
    TableSettings table =
        new TableSettings(
            "shop",
            "orders",
            List.of(),
            Map.of(),
            "hold",
            defaults.typeConflicts(),
            Map.of(),
            null,
            null,
            null,
            null,
            Map.of(),
            null,
            false);
    TrackingSettings settings =
        new TrackingSettings(
            "p",
            FormatSettings.json(),
            RoutingSettings.single("orders"),
            Map.of("orders", table),
            "shop");
    TrackAndConform track = new TrackAndConform(settings, catalog);
    track.open(new UnregisteredMetricsGroup());
    return track;
  }

  private static RawRecord kafka(String json, long offset) {
    return RawRecord.of(
        json.getBytes(StandardCharsets.UTF_8), SourceCoordinates.kafka("orders", 0, offset), -1);
  }

  /** A context that keeps the alerts. */
  private static final class Alerts extends ProcessFunction<RawRecord, SinkRecord>.Context {
    private final List<SchemaChangeAlert> alerts;

    Alerts(TrackAndConform function, List<SchemaChangeAlert> alerts) {
      function.super();
      this.alerts = alerts;
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
    public <X> void output(OutputTag<X> outputTag, X value) {
      if (outputTag.equals(TrackAndConform.ALERTS)) {
        alerts.add((SchemaChangeAlert) value);
      }
    }
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
