package io.driftway.connectors.tracking;

import static io.driftway.connectors.tracking.TrackAndConformContexts.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.connectors.registry.ConfluentWireFormat;
import io.driftway.connectors.registry.FakeSchemaRegistryServer;
import io.driftway.connectors.source.RawRecord;
import io.driftway.connectors.tracking.TrackAndConformContexts.NoTimers;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus, per decoder, through the tracking operator as a pipeline runs it (the JSON
 * fast path included): each bad record between two good ones becomes exactly one quarantine row
 * with its stage and reason, and both good records are written. Inputs the format allows (a JSON
 * number wider than any column, NaN in an Avro double, repeated keys) are written, as documented.
 * Every input is made here; nothing large is kept in the repository.
 */
class BadInputCorpusTest {

  private static final String TOPIC = "corpus";

  /** Where a bad record sits: between the good records at offsets 0 and 2. */
  private static final String AT = "kafka:corpus/0@1";

  private static final String MAX_SIZE = "exceeds max-record-bytes=4194304: /";

  static final Schema EVENT =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Event", "namespace": "corpus", "fields": [
                {"name": "id", "type": "long"},
                {"name": "name", "type": "string"},
                {"name": "score", "type": "double"},
                {"name": "attrs", "type": {"type": "map", "values": "long"}},
                {"name": "tag", "type": ["null", "string"]}]}
              """);

  /** A linked list: records of it nest as deep as the data says. */
  static final Schema NODE =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Node", "namespace": "corpus", "fields": [
                {"name": "id", "type": "long"},
                {"name": "next", "type": ["null", "Node"]}]}
              """);

  static final Schema OTHER =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Other", "namespace": "corpus", "fields": [
                {"name": "code", "type": "string"}]}
              """);

  private static FakeSchemaRegistryServer registry;
  private static int eventId;
  private static int nodeId;
  private static int otherId;

  @TempDir Path warehouse;

  @BeforeAll
  static void startRegistry() throws IOException {
    registry = new FakeSchemaRegistryServer();
    ObjectMapper json = new ObjectMapper();
    eventId =
        registry.add(TOPIC + "-value", json.createObjectNode().put("schema", EVENT.toString()));
    nodeId = registry.add(TOPIC + "-value", json.createObjectNode().put("schema", NODE.toString()));
    otherId = registry.add("other-value", json.createObjectNode().put("schema", OTHER.toString()));
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  /** One bad input and the quarantine row it must become. */
  static final class Bad {
    private final String name;
    private final byte[] bytes;
    private final String stage;
    private final String reason;

    Bad(String name, byte[] bytes, String stage, String reason) {
      this.name = name;
      this.bytes = bytes;
      this.stage = stage;
      this.reason = reason;
    }

    String name() {
      return name;
    }

    byte[] bytes() {
      return bytes;
    }

    String stage() {
      return stage;
    }

    String reason() {
      return reason;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  // --- JSON

  static Stream<Bad> json() {
    return Stream.of(
        new Bad(
            "truncated",
            utf8("{\"id\": 5, \"name\": \"a"),
            "decode",
            "Cannot decode JSON record: Unexpected end-of-input in VALUE_STRING: " + AT),
        new Bad(
            "invalid UTF-8",
            concat(
                utf8("{\"id\": 5, \"name\": \""),
                new byte[] {(byte) 0xff, (byte) 0xfe},
                utf8("\"}")),
            "decode",
            "Cannot decode JSON record: Invalid UTF-8 start byte 0xff: " + AT),
        new Bad(
            "nesting depth 10,000 (objects)",
            utf8("{\"id\": 5, \"x\": " + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_001)),
            "track",
            "Cannot accept record: nesting depth 33 exceeds max-nesting-depth=32: /x"
                + "/a".repeat(31)),
        new Bad(
            "nesting depth 10,000 (arrays)",
            utf8("{\"id\": 5, \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
            "track",
            "Cannot accept record: nesting depth 33 exceeds max-nesting-depth=32: /x"
                + "/0".repeat(31)),
        new Bad(
            "1,001-digit number",
            utf8("{\"id\": 5, \"n\": " + "9".repeat(1_001) + "}"),
            "decode",
            "Cannot decode JSON record: Number value length (1001) exceeds the maximum allowed"
                + " (1000): "
                + AT),
        new Bad(
            "20 MB string",
            utf8("{\"id\": 5, \"s\": \"" + "x".repeat(20 << 20) + "\"}"),
            "track",
            "Cannot accept record: record size 20971538 " + MAX_SIZE),
        new Bad(
            "100,000 fields",
            utf8(fields(100_000)),
            "track",
            "Cannot accept record: field count 10001 exceeds max-fields-per-struct=10000: /f9999"),
        new Bad(
            "NaN",
            utf8("{\"id\": 5, \"v\": NaN}"),
            "decode",
            "Cannot decode JSON record: Non-standard token 'NaN' (JSON has no NaN or Infinity): "
                + AT),
        new Bad(
            "Infinity",
            utf8("{\"id\": 5, \"v\": Infinity}"),
            "decode",
            "Cannot decode JSON record: Non-standard token 'Infinity' (JSON has no NaN or"
                + " Infinity): "
                + AT),
        new Bad(
            "-Infinity",
            utf8("{\"id\": 5, \"v\": -Infinity}"),
            "decode",
            "Cannot decode JSON record: Non-standard token '-Infinity' (JSON has no NaN or"
                + " Infinity): "
                + AT),
        new Bad(
            "Confluent-framed bytes (wrong magic byte for JSON)",
            ConfluentWireFormat.frame(eventId, avro(7, "ok")),
            "decode",
            "Cannot decode JSON record: Invalid UTF-32 character 0x10d046f (above 0x0010ffff) at"
                + " char #1, byte #7): "
                + AT),
        new Bad(
            "not an object",
            utf8("[1, 2]"),
            "decode",
            "Cannot decode JSON record: expected an object, got [: " + AT),
        new Bad(
            "empty",
            new byte[0],
            "decode",
            "Cannot decode JSON record: expected an object, got end of input: " + AT),
        new Bad(
            "tombstone",
            null,
            "decode",
            "Cannot decode any record: it has no value (a tombstone): " + AT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("json")
  void jsonRecordGoesToQuarantineBetweenWrittenRecords(Bad bad) {
    assertQuarantinedBetweenGoodRecords(
        FormatSettings.json(), bad, utf8("{\"id\": 1, \"name\": \"ok\"}"), utf8("{\"id\": 2}"));
  }

  @Test
  void jsonWithANumberWiderThanAnyColumnOrRepeatedKeysIsWritten() {
    TrackAndConform track = track(FormatSettings.json());
    List<SinkRecord> out = new ArrayList<>();
    process(track, utf8("{\"id\": 1, \"n\": " + "9".repeat(1_000) + "}"), 0, out);
    process(track, utf8("{\"id\": 2, \"name\": \"first\", \"name\": \"second\"}"), 1, out);

    assertThat(out).extracting(r -> r.tableIdentifier().name()).containsExactly("events", "events");
    // Wider than decimal(38): kept as its exact text rather than rounded.
    assertThat(columns(out.get(0))).containsEntry("n", "9".repeat(1_000));
    assertThat(columns(out.get(1))).containsEntry("name", "first");
    assertThat((String) columns(out.get(1)).get("_rescued_data")).contains("second");
  }

  // --- CSV

  static Stream<Bad> csv() {
    return Stream.of(
        new Bad(
            "truncated (unterminated quote)",
            utf8("5,\"ab"),
            "decode",
            "Cannot decode CSV record: unterminated quoted cell: " + AT),
        new Bad(
            "invalid UTF-8",
            concat(utf8("5,"), new byte[] {(byte) 0xff, (byte) 0xfe}, utf8(",2")),
            "decode",
            "Cannot decode CSV record: invalid UTF-8 at byte 2: " + AT),
        new Bad(
            "20 MB cell",
            utf8("5," + "x".repeat(20 << 20) + ",2"),
            "track",
            "Cannot accept record: record size 20971524 " + MAX_SIZE),
        new Bad(
            "100,000 cells",
            utf8("5,a,2" + ",x".repeat(100_000)),
            "track",
            "Cannot accept record: field count 100003 exceeds max-fields-per-struct=10000: /"),
        new Bad(
            "two rows in one message",
            utf8("5,a,2\n6,b,3"),
            "decode",
            "Cannot decode CSV record: more than one row in one message: " + AT),
        new Bad(
            "empty",
            new byte[0],
            "decode",
            "Cannot decode CSV record: the message is empty: " + AT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("csv")
  void csvRecordGoesToQuarantineBetweenWrittenRecords(Bad bad) {
    assertQuarantinedBetweenGoodRecords(csvSettings(), bad, utf8("1,ok,1.5"), utf8("2,ok,2.5"));
  }

  @Test
  void csvCellsThatAreNoNumberAreWrittenAsText() {
    TrackAndConform track = track(csvSettings());
    List<SinkRecord> out = new ArrayList<>();
    process(track, utf8("1,ok,NaN"), 0, out);
    process(track, utf8("2,ok," + "9".repeat(1_000)), 1, out);

    assertThat(out).extracting(r -> r.tableIdentifier().name()).containsExactly("events", "events");
    assertThat(columns(out.get(0))).containsEntry("score", "NaN");
    assertThat(columns(out.get(1))).containsEntry("score", "9".repeat(1_000));
  }

  // --- plain Avro

  static Stream<Bad> avroPayloads(String format, String ends, String mismatch, String left) {
    byte[] good = avro(5, "ok");
    return Stream.of(
        new Bad(
            "truncated",
            Arrays.copyOf(good, good.length - 5),
            "decode",
            format + ends.formatted(good.length - 5) + AT),
        new Bad(
            "invalid UTF-8",
            encode(
                e -> {
                  e.writeLong(5);
                  e.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
                  e.writeDouble(1.5);
                  e.writeMapStart();
                  e.writeMapEnd();
                  e.writeIndex(0);
                }),
            "decode",
            "Cannot decode Avro record: invalid UTF-8 in a string at /name: " + AT),
        new Bad(
            "varint of 11 bytes (no number is longer)",
            concat(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1}, good),
            "decode",
            format + mismatch + "Invalid long encoding: " + AT),
        new Bad(
            "string claiming 2 GB",
            encode(
                e -> {
                  e.writeLong(5);
                  e.writeLong(2_000_000_000L);
                }),
            "decode",
            format + ends.formatted(6) + AT),
        new Bad(
            "map claiming a billion entries",
            encode(
                e -> {
                  e.writeLong(5);
                  e.writeString("ok");
                  e.writeDouble(1.5);
                  e.writeLong(1_000_000_000L);
                }),
            "decode",
            format + ends.formatted(17) + AT),
        new Bad(
            "20 MB string",
            avro(5, "x".repeat(20 << 20)),
            "track",
            "Cannot accept record: record size 20971535 " + MAX_SIZE),
        new Bad(
            "map of 100,000 entries",
            encode(
                e -> {
                  e.writeLong(5);
                  e.writeString("ok");
                  e.writeDouble(1.5);
                  e.writeMapStart();
                  e.setItemCount(100_000);
                  for (int i = 0; i < 100_000; i++) {
                    e.startItem();
                    e.writeString("k" + i);
                    e.writeLong(i);
                  }
                  e.writeMapEnd();
                  e.writeIndex(0);
                }),
            "track",
            "Cannot accept record: entry count 100000 exceeds max-fields-per-struct=10000: /attrs"),
        new Bad(
            "union branch out of range",
            concat(Arrays.copyOf(good, good.length - 1), new byte[] {10}),
            "decode",
            format + mismatch + "Index 5 out of bounds for length 2: " + AT),
        new Bad(
            "bytes after the record",
            concat(good, new byte[] {6}),
            "decode",
            format + left.formatted(good.length + 1) + AT),
        new Bad("empty", new byte[0], "decode", format + ends.formatted(0) + AT));
  }

  static Stream<Bad> avro() {
    return avroPayloads(
        "Cannot decode Avro record: ",
        "payload ends early for schema corpus.Event: %d bytes: ",
        "payload does not match schema corpus.Event: ",
        "bytes left after the record of schema corpus.Event: %d bytes: ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("avro")
  void avroRecordGoesToQuarantineBetweenWrittenRecords(Bad bad) {
    assertQuarantinedBetweenGoodRecords(avroSettings(EVENT), bad, avro(1, "ok"), avro(2, "ok"));
  }

  @Test
  void avroNonFiniteDoublesAndARepeatedMapKeyAreWritten() {
    TrackAndConform track = track(avroSettings(EVENT));
    List<SinkRecord> out = new ArrayList<>();
    for (double score : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      process(track, avro(1, "ok", score, Map.of()), out.size(), out);
    }
    process(
        track,
        encode(
            e -> {
              e.writeLong(3);
              e.writeString("ok");
              e.writeDouble(1.5);
              e.writeLong(2);
              e.writeString("k");
              e.writeLong(1);
              e.writeString("k");
              e.writeLong(2);
              e.writeLong(0);
              e.writeIndex(0);
            }),
        2,
        out);

    assertThat(out).extracting(r -> r.tableIdentifier().name()).containsOnly("events");
    assertThat(columns(out.get(0))).containsEntry("score", Double.NaN);
    assertThat(columns(out.get(1))).containsEntry("score", Double.POSITIVE_INFINITY);
    // Avro's own reader keeps the last value of a repeated map key.
    MapData attrs = out.get(2).rowData().getMap(columnIndex(out.get(2), "attrs"));
    assertThat(attrs.size()).isEqualTo(1);
    assertThat(attrs.keyArray().getString(0).toString()).isEqualTo("k");
    assertThat(attrs.valueArray().getLong(0)).isEqualTo(2L);
  }

  @Test
  void avroWriterSchemaOfUnboundedDepthIsRefusedBeforeAnyRecord() {
    // Records of a recursive schema nest as deep as the data says (10,000 levels overflow the
    // reader's stack), and have no table form: the pipeline file is refused.
    assertThatThrownBy(() -> avroSettings(NODE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot decode Avro records: unusable writer schema in format.avro-schema: Cannot map"
                + " Avro schema: recursive record corpus.Node has no table form: /next");
  }

  // --- Avro in the Confluent wire format

  static Stream<Bad> confluent() {
    Stream<Bad> payloads =
        avroPayloads(
                "Cannot decode avro-confluent record: ",
                "Avro payload ends early for writer schema " + eventId + ": %d payload bytes: ",
                "Avro payload does not match writer schema " + eventId + ": ",
                "bytes left after the Avro record of writer schema "
                    + eventId
                    + ": %d payload bytes: ")
            .map(
                bad ->
                    new Bad(
                        bad.name(),
                        ConfluentWireFormat.frame(eventId, bad.bytes()),
                        bad.stage(),
                        bad.reason()))
            .map(
                bad ->
                    bad.name().equals("20 MB string")
                        ? new Bad(
                            bad.name(),
                            bad.bytes(),
                            bad.stage(),
                            "Cannot accept record: record size 20971540 " + MAX_SIZE)
                        : bad);
    Stream<Bad> framing =
        Stream.of(
            new Bad(
                "wrong magic byte",
                concat(new byte[] {1, 0, 0, 0, (byte) eventId}, avro(5, "ok")),
                "decode",
                "Cannot decode avro-confluent record: wrong magic byte, expected 0x00: 0x01: "
                    + AT),
            new Bad(
                "JSON text (wrong magic byte)",
                utf8("{\"id\": 5}"),
                "decode",
                "Cannot decode avro-confluent record: wrong magic byte, expected 0x00: 0x7b: "
                    + AT),
            new Bad(
                "truncated header",
                new byte[] {0, 0, 0},
                "decode",
                "Cannot decode avro-confluent record: shorter than the 5-byte Confluent header: 3"
                    + " bytes: "
                    + AT),
            new Bad(
                "unknown schema id",
                ConfluentWireFormat.frame(9_999, avro(5, "ok")),
                "decode",
                "Cannot decode avro-confluent record: unknown schema id: 9999: " + AT),
            new Bad(
                "schema id of another subject",
                ConfluentWireFormat.frame(otherId, encode(e -> e.writeString("zz"))),
                "decode",
                "Cannot decode avro-confluent record: schema id "
                    + otherId
                    + " is not a version of subject corpus-value (it is one of [other-value]): "
                    + AT),
            new Bad(
                "nesting depth 10,000 (recursive writer schema)",
                ConfluentWireFormat.frame(nodeId, chain(10_000)),
                "decode",
                "Cannot decode avro-confluent record: unusable schema id "
                    + nodeId
                    + ": Cannot map Avro schema: recursive record corpus.Node has no table form:"
                    + " /next: "
                    + AT));
    return Stream.concat(payloads, framing);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("confluent")
  void confluentRecordGoesToQuarantineBetweenWrittenRecords(Bad bad) {
    assertQuarantinedBetweenGoodRecords(
        confluentSettings(),
        bad,
        ConfluentWireFormat.frame(eventId, avro(1, "ok")),
        ConfluentWireFormat.frame(eventId, avro(2, "ok")));
  }

  // --- the check

  private void assertQuarantinedBetweenGoodRecords(
      FormatSettings format, Bad bad, byte[] first, byte[] second) {
    TrackAndConform track = track(format);
    List<SinkRecord> out = new ArrayList<>();
    process(track, first, 0, out);
    process(track, bad.bytes(), 1, out);
    process(track, second, 2, out);

    assertThat(out)
        .extracting(r -> r.tableIdentifier().name())
        .containsExactly("events", QuarantineTable.nameFor("events"), "events");
    assertThat(columns(out.get(0))).containsEntry("id", 1L);
    assertThat(columns(out.get(2))).containsEntry("id", 2L);
    RowData quarantined = out.get(1).rowData();
    assertThat(quarantined.getString(1).toString()).isEqualTo(bad.stage());
    assertThat(quarantined.getString(2).toString()).isEqualTo(bad.reason());
  }

  private TrackAndConform track(FormatSettings format) {
    TrackingSettings settings =
        new TrackingSettings("corpus", format, RoutingSettings.single("events"), Map.of(), "db");
    TrackAndConform track =
        new TrackAndConform(
            settings,
            IcebergCatalogs.builder("corpus").warehouse(warehouse.toString()).hadoop().build());
    track.open(new UnregisteredMetricsGroup());
    return track;
  }

  private static void process(
      TrackAndConform track, byte[] bytes, long offset, List<SinkRecord> out) {
    track.processElement(
        RawRecord.of(bytes, SourceCoordinates.kafka(TOPIC, 0, offset), 1L),
        new NoTimers(track),
        list(out));
  }

  private static int columnIndex(SinkRecord record, String name) {
    return record.schema().columns().indexOf(record.schema().findField(name));
  }

  /** A row's columns by name, ids as longs whatever their column type. */
  private static Map<String, Object> columns(SinkRecord record) {
    RowType type = FlinkSchemaUtil.convert(record.schema());
    Map<String, Object> columns = new LinkedHashMap<>();
    for (int i = 0; i < type.getFieldCount(); i++) {
      Object value =
          RowData.createFieldGetter(type.getTypeAt(i), i).getFieldOrNull(record.rowData());
      if (value instanceof Integer small) {
        value = small.longValue();
      } else if (value != null
          && !(value instanceof Long)
          && !(value instanceof Double)
          && !(value instanceof byte[])) {
        value = value.toString();
      }
      columns.put(type.getFieldNames().get(i), value);
    }
    return columns;
  }

  private static FormatSettings csvSettings() {
    return new FormatSettings(
        FormatSettings.Kind.CSV,
        ',',
        '"',
        Set.of(""),
        List.of("id", "name", "score"),
        null,
        null,
        null,
        null);
  }

  private static FormatSettings avroSettings(Schema writer) {
    return new FormatSettings(
        FormatSettings.Kind.AVRO,
        ',',
        '"',
        Set.of(""),
        List.of(),
        null,
        null,
        null,
        writer.toString());
  }

  private static FormatSettings confluentSettings() {
    return new FormatSettings(
        FormatSettings.Kind.AVRO_CONFLUENT,
        ',',
        '"',
        Set.of(""),
        List.of(),
        URI.create(registry.url()),
        null,
        null,
        null,
        FormatSettings.SubjectStrategy.TOPIC);
  }

  private static String fields(int count) {
    StringBuilder json = new StringBuilder("{\"id\": 5");
    for (int i = 0; i < count; i++) {
      json.append(", \"f").append(i).append("\": 1");
    }
    return json.append('}').toString();
  }

  /** An Event in Avro binary. */
  static byte[] avro(long id, String name) {
    return avro(id, name, 1.5, Map.of());
  }

  static byte[] avro(long id, String name, double score, Map<String, Long> attrs) {
    return encode(
        e -> {
          e.writeLong(id);
          e.writeString(name);
          e.writeDouble(score);
          e.writeMapStart();
          e.setItemCount(attrs.size());
          for (Map.Entry<String, Long> attr : attrs.entrySet()) {
            e.startItem();
            e.writeString(attr.getKey());
            e.writeLong(attr.getValue());
          }
          e.writeMapEnd();
          e.writeIndex(0);
        });
  }

  /** A Node chain {@code depth} records deep, in Avro binary. */
  static byte[] chain(int depth) {
    return encode(
        e -> {
          for (int i = 0; i < depth; i++) {
            e.writeLong(i);
            e.writeIndex(1);
          }
          e.writeLong(depth);
          e.writeIndex(0);
        });
  }

  interface Writes {
    void to(BinaryEncoder encoder) throws IOException;
  }

  static byte[] encode(Writes writes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writes.to(encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
