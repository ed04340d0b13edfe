package io.driftway.connectors.tracking;

import static io.driftway.connectors.tracking.TrackAndConformContexts.list;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.connectors.registry.ConfluentWireFormat;
import io.driftway.connectors.registry.FakeSchemaRegistryServer;
import io.driftway.connectors.source.RawRecord;
import io.driftway.connectors.tracking.TrackAndConformContexts.NoTimers;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confluent Avro records take the Avro fast path; the same payloads in a plain Avro pipeline (one
 * writer schema, no fast path) are read in full. Both must write the same rows to the same schema.
 */
class TrackAndConformAvroFastPathTest {

  private static final String TOPIC = "orders";

  private static final Schema ORDER =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Order", "namespace": "fast", "fields": [
                {"name": "id", "type": "long"},
                {"name": "note", "type": ["null", "string"], "default": null},
                {"name": "qty", "type": ["int", "string"]},
                {"name": "count", "type": "int"},
                {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                {"name": "at", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                {"name": "seen", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal",
                                            "precision": 9, "scale": 2}},
                {"name": "ref", "type": {"type": "string", "logicalType": "uuid"}},
                {"name": "status", "type": {"type": "enum", "name": "Status",
                                            "symbols": ["NEW", "PAID"]}},
                {"name": "score", "type": "double"},
                {"name": "ratio", "type": "float"},
                {"name": "ok", "type": "boolean"},
                {"name": "blob", "type": "bytes"},
                {"name": "tags", "type": {"type": "array", "items": ["null", "string"]}},
                {"name": "attrs", "type": {"type": "map", "values": "long"}},
                {"name": "lines", "type": {"type": "array", "items": {"type": "record",
                  "name": "Line", "fields": [
                    {"name": "sku", "type": "string"},
                    {"name": "n", "type": ["null", "int"], "default": null}]}}},
                {"name": "ship", "type": ["null", {"type": "record", "name": "Ship", "fields": [
                  {"name": "city", "type": "string"},
                  {"name": "zip", "type": ["null", "string"], "default": null}]}],
                  "default": null}
              ]}
              """);

  @TempDir Path confluentWarehouse;
  @TempDir Path plainWarehouse;

  @Test
  void writesTheRowsAndSchemaTheGeneralPathWrites() throws Exception {
    List<byte[]> payloads = new ArrayList<>();
    Random random = new Random(20261207L);
    for (long id = 0; id < 300; id++) {
      payloads.add(encode(order(id, random)));
    }
    List<SinkRecord> fast;
    List<SinkRecord> full;
    try (FakeSchemaRegistryServer registry = new FakeSchemaRegistryServer()) {
      int id =
          registry.add(
              TOPIC + "-value",
              new ObjectMapper().createObjectNode().put("schema", ORDER.toString()));
      fast =
          run(
              confluent(registry.url()),
              confluentWarehouse,
              payloads.stream().map(p -> ConfluentWireFormat.frame(id, p)).toList());
    }
    full = run(plain(), plainWarehouse, payloads);

    assertThat(fast).hasSize(payloads.size());
    assertThat(full).hasSize(payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      assertThat(fast.get(i).tableIdentifier().name()).isEqualTo("orders");
      assertThat(fast.get(i).schema().asStruct()).isEqualTo(full.get(i).schema().asStruct());
      assertThat(values(fast.get(i))).as("record %d", i).isEqualTo(values(full.get(i)));
    }
  }

  private static final Schema V1 =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Coupon", "fields": [
                {"name": "id", "type": "long"},
                {"name": "name", "type": "string"}]}
              """);

  private static final Schema V2 =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Coupon", "fields": [
                {"name": "id", "type": "long"},
                {"name": "name", "type": "string"},
                {"name": "code", "type": ["null", "string"], "default": null}]}
              """);

  @Test
  void afterADriftAvroRecordsWaitAsRowsAndAreWrittenWithTheirOwnValuesAtTheSettle()
      throws Exception {
    try (FakeSchemaRegistryServer registry = new FakeSchemaRegistryServer()) {
      ObjectMapper json = new ObjectMapper();
      int v1 = registry.add(TOPIC + "-value", json.createObjectNode().put("schema", V1.toString()));
      int v2 = registry.add(TOPIC + "-value", json.createObjectNode().put("schema", V2.toString()));
      TrackingSettings settings =
          new TrackingSettings(
              "fast",
              confluent(registry.url()),
              RoutingSettings.single("orders"),
              Map.of("orders", TableSettings.defaults("db", "orders")),
              "db");
      TrackAndConform track =
          TrackAndConform.settling(
              settings,
              IcebergCatalogs.builder("fast")
                  .warehouse(confluentWarehouse.toString())
                  .hadoop()
                  .build(),
              "main");
      track.open(new UnregisteredMetricsGroup());
      List<SinkRecord> rows = new ArrayList<>();
      TrackAndConform.Out out =
          new TrackAndConform.Out() {
            @Override
            public void row(SinkRecord row) {
              rows.add(row);
            }

            @Override
            public void alert(io.driftway.connectors.alerts.SchemaChangeAlert alert) {}

            @Override
            public void activity(io.driftway.connectors.freshness.TableActivity activity) {}
          };
      try {
        track.process(coupon(v1, V1, 1, null), out);
        track.flush(out);
        rows.clear();

        track.process(coupon(v1, V1, 2, null), out);
        for (long id = 3; id <= 40; id++) {
          track.process(coupon(v2, V2, id, "C" + id), out);
        }
        track.process(coupon(v1, V1, 41, null), out);

        // 2 is written at once; 3 moves the table; 4..40 are read for the schema 3 moves it to, so
        // 41, old shape or not, is tried there first and waits with them.
        assertThat(rows).extracting(r -> r.rowData().getLong(0)).containsExactly(2L);

        track.flush(out);

        assertThat(rows).hasSize(40);
        for (SinkRecord row : rows) {
          Map<String, Object> values = values(row);
          long id = (Long) values.get("id");
          assertThat(values).as("row %d", id).containsEntry("name", "n" + id);
          if (id == 2) {
            // Written before the move, with the table's schema of then.
            assertThat(values).doesNotContainKey("code");
          } else {
            assertThat(values).containsEntry("code", id == 41 ? null : "C" + id);
          }
        }
        assertThat(rows).extracting(r -> r.rowData().getLong(0)).doesNotHaveDuplicates();
      } finally {
        track.close();
      }
    }
  }

  private static RawRecord coupon(int schemaId, Schema schema, long id, String code)
      throws IOException {
    GenericRecord record = new GenericData.Record(schema);
    record.put("id", id);
    record.put("name", "n" + id);
    if (schema.getField("code") != null) {
      record.put("code", code);
    }
    return RawRecord.of(
        ConfluentWireFormat.frame(schemaId, encode(record)),
        SourceCoordinates.kafka(TOPIC, 0, id),
        -1);
  }

  private static GenericRecord order(long id, Random random) {
    GenericRecord line = new GenericData.Record(ORDER.getField("lines").schema().getElementType());
    line.put("sku", "S-" + random.nextInt(50));
    line.put("n", random.nextBoolean() ? null : random.nextInt(9));
    Schema shipSchema = ORDER.getField("ship").schema().getTypes().get(1);
    GenericRecord ship = new GenericData.Record(shipSchema);
    ship.put("city", random.nextBoolean() ? "Graz" : "Cork");
    ship.put("zip", random.nextBoolean() ? null : "Z" + random.nextInt(100));
    Schema amountSchema = ORDER.getField("amount").schema();
    BigDecimal amount = BigDecimal.valueOf(random.nextInt(1_000_000), 2);

    GenericRecord record = new GenericData.Record(ORDER);
    record.put("id", id);
    record.put("note", random.nextInt(3) == 0 ? null : "note " + random.nextInt(1000));
    record.put("qty", random.nextBoolean() ? (Object) random.nextInt(100) : "many");
    record.put("count", random.nextInt());
    record.put("day", random.nextInt(30_000));
    record.put("at", random.nextLong() / 1000);
    record.put("seen", 1_700_000_000_000L + random.nextInt(1_000_000_000));
    record.put(
        "amount",
        new Conversions.DecimalConversion()
            .toBytes(amount, amountSchema, LogicalTypes.decimal(9, 2)));
    record.put("ref", new UUID(random.nextLong(), random.nextLong()).toString());
    record.put(
        "status",
        new GenericData.EnumSymbol(
            ORDER.getField("status").schema(), random.nextBoolean() ? "NEW" : "PAID"));
    record.put("score", random.nextDouble() * 1e6);
    record.put("ratio", random.nextFloat());
    record.put("ok", random.nextBoolean());
    byte[] blob = new byte[random.nextInt(6)];
    random.nextBytes(blob);
    record.put("blob", ByteBuffer.wrap(blob));
    record.put("tags", random.nextBoolean() ? List.of("a", "b") : Arrays.asList("c", null));
    record.put("attrs", random.nextBoolean() ? Map.of() : Map.of("k" + random.nextInt(3), id));
    record.put("lines", List.of(line));
    record.put("ship", random.nextInt(4) == 0 ? null : ship);
    return record;
  }

  private static byte[] encode(GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static List<SinkRecord> run(FormatSettings format, Path warehouse, List<byte[]> records)
      throws Exception {
    TrackingSettings settings =
        new TrackingSettings("fast", format, RoutingSettings.single("orders"), Map.of(), "db");
    TrackAndConform track =
        new TrackAndConform(
            settings,
            IcebergCatalogs.builder("fast").warehouse(warehouse.toString()).hadoop().build());
    track.open(new UnregisteredMetricsGroup());
    List<SinkRecord> out = new ArrayList<>();
    try {
      for (int i = 0; i < records.size(); i++) {
        track.processElement(
            RawRecord.of(records.get(i), SourceCoordinates.kafka(TOPIC, 0, i), 1L),
            new NoTimers(track),
            list(out));
      }
    } finally {
      track.close();
    }
    return out;
  }

  /** A row's values by column, nested values as lists and maps, bytes as hex: comparable. */
  private static Map<String, Object> values(SinkRecord record) {
    RowType type = FlinkSchemaUtil.convert(record.schema());
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < type.getFieldCount(); i++) {
      values.put(
          type.getFieldNames().get(i),
          plain(
              RowData.createFieldGetter(type.getTypeAt(i), i).getFieldOrNull(record.rowData()),
              type.getTypeAt(i)));
    }
    return values;
  }

  private static Object plain(Object value, LogicalType type) {
    if (value == null) {
      return null;
    }
    if (value instanceof RowData row && type instanceof RowType rowType) {
      List<Object> fields = new ArrayList<>();
      for (int i = 0; i < rowType.getFieldCount(); i++) {
        fields.add(
            plain(
                RowData.createFieldGetter(rowType.getTypeAt(i), i).getFieldOrNull(row),
                rowType.getTypeAt(i)));
      }
      return fields;
    }
    if (value instanceof ArrayData array && type instanceof ArrayType arrayType) {
      return elements(array, arrayType.getElementType());
    }
    if (value instanceof MapData map && type instanceof MapType mapType) {
      List<Object> keys = elements(map.keyArray(), mapType.getKeyType());
      List<Object> vals = elements(map.valueArray(), mapType.getValueType());
      Map<Object, Object> entries = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        entries.put(keys.get(i), vals.get(i));
      }
      return entries;
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    return value instanceof Number || value instanceof Boolean ? value : value.toString();
  }

  private static List<Object> elements(ArrayData array, LogicalType elementType) {
    ArrayData.ElementGetter getter = ArrayData.createElementGetter(elementType);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(plain(getter.getElementOrNull(array, i), elementType));
    }
    return out;
  }

  private static FormatSettings confluent(String registryUrl) {
    return new FormatSettings(
        FormatSettings.Kind.AVRO_CONFLUENT,
        ',',
        '"',
        Set.of(""),
        List.of(),
        URI.create(registryUrl),
        null,
        null,
        null,
        FormatSettings.SubjectStrategy.TOPIC);
  }

  private static FormatSettings plain() {
    return new FormatSettings(
        FormatSettings.Kind.AVRO,
        ',',
        '"',
        Set.of(""),
        List.of(),
        null,
        null,
        null,
        ORDER.toString());
  }
}
