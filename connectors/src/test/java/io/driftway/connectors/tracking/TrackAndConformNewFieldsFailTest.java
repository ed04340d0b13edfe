package io.driftway.connectors.tracking;

import static io.driftway.connectors.tracking.TrackAndConformContexts.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.connectors.source.RawRecord;
import io.driftway.connectors.tracking.TrackAndConformContexts.NoTimers;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code new-fields: fail} stops the job for good instead of quarantining the record. */
class TrackAndConformNewFieldsFailTest {

  @TempDir Path warehouse;

  @Test
  void aRefusedNewFieldStopsTheJobWithoutRestartsAndWritesNothingForTheRecord() {
    TrackAndConform track = open("fail");
    List<SinkRecord> rows = new ArrayList<>();

    track.processElement(kafka("{\"id\":1}", 40), new NoTimers(track), list(rows));
    assertThat(rows).hasSize(1);

    assertThatThrownBy(
            () ->
                track.processElement(
                    kafka("{\"id\":2,\"x\":7}", 41), new NoTimers(track), list(rows)))
        .isInstanceOf(SuppressRestartsException.class)
        .cause()
        .hasMessage(
            "Cannot evolve table shop.orders: new field /x (long) is refused by policy"
                + " new-fields=fail; change the policy to evolve, rescue or ignore and run again"
                + " to resume from this record: kafka:orders/0@41");
    assertThat(rows).as("neither a row nor a quarantine row").hasSize(1);
  }

  @Test
  void aFieldRefusedByAnOverrideNamesTheOverride() {
    TrackAndConform track = open("evolve", Map.of("/payload/secret", "fail"));
    List<SinkRecord> rows = new ArrayList<>();

    track.processElement(
        kafka("{\"id\":1,\"payload\":{\"a\":1}}", 7), new NoTimers(track), list(rows));
    assertThatThrownBy(
            () ->
                track.processElement(
                    kafka("{\"id\":2,\"payload\":{\"a\":2,\"secret\":\"s\"}}", 8),
                    new NoTimers(track),
                    list(rows)))
        .isInstanceOf(SuppressRestartsException.class)
        .cause()
        .hasMessageStartingWith(
            "Cannot evolve table shop.orders: new field /payload/secret (string) is refused by"
                + " policy new-fields=fail;")
        .hasMessageEndingWith(": kafka:orders/0@8");
    assertThat(rows).hasSize(1);
  }

  private TrackAndConform open(String newFields) {
    return open(newFields, Map.of());
  }

  private TrackAndConform open(String newFields, Map<String, String> overrides) {
    TableSettings defaults = TableSettings.defaults("shop", "orders");
    TableSettings table =
        new TableSettings(
            "shop",
            "orders",
            List.of(),
            Map.of(),
            newFields,
            defaults.typeConflicts(),
            overrides,
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
    CatalogLoader catalog =
        IcebergCatalogs.builder("t").warehouse(warehouse.toString()).hadoop().build();
    // Under fail every field of a table without columns is new: the table exists beforehand.
    catalog
        .loadCatalog()
        .createTable(
            TableIdentifier.of("shop", "orders"),
            new Schema(
                Types.NestedField.optional(1, "id", Types.LongType.get()),
                Types.NestedField.optional(
                    2,
                    "payload",
                    Types.StructType.of(
                        Types.NestedField.optional(3, "a", Types.LongType.get())))));
    TrackAndConform track = new TrackAndConform(settings, catalog);
    track.open(new UnregisteredMetricsGroup());
    return track;
  }

  private static RawRecord kafka(String json, long offset) {
    return RawRecord.of(
        json.getBytes(StandardCharsets.UTF_8), SourceCoordinates.kafka("orders", 0, offset), -1);
  }
}
