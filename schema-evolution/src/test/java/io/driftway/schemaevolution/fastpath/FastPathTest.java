package io.driftway.schemaevolution.fastpath;

import static io.driftway.schemaevolution.Records.withRescued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.Records;
import io.driftway.schemaevolution.SchemaTracker;
import io.driftway.schemaevolution.infer.AvroInferrerTest;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.infer.RecordInferrer;
import io.driftway.schemaevolution.mapping.AvroSchemas;
import io.driftway.schemaevolution.policy.ConflictAction;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.SchemaHints;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.row.GenericArray;
import io.driftway.schemaevolution.row.GenericRow;
import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.row.Utf8Text;
import io.driftway.schemaevolution.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FastPathTest {

  private static final StructType TABLE =
      withRescued(
          "struct<id:bigint,note:string,price:double,ts:timestamptz,"
              + "items:array<struct<sku:string,qty:bigint>>,attrs:map<string,bigint>>");

  private static JsonRowReader reader(TablePolicy policy, StructType table) {
    return FastPath.json(table, policy, InferenceOptions.forTable(policy));
  }

  private static Row read(JsonRowReader reader, String json) {
    return reader.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parsesARecordThatFitsStraightIntoARow() {
    Row row =
        read(
            reader(TablePolicy.defaults(), TABLE),
            "{\"ID\": 1, \"price\": 2, \"ts\": \"1970-01-01T00:00:01Z\", \"note\": null,"
                + " \"items\": [{\"sku\": \"a\", \"qty\": 3}], \"attrs\": {\"k\": 4},"
                + " \"gone\": null}");

    assertThat(row)
        .isEqualTo(
            GenericRow.of(
                null,
                1L,
                null,
                2.0,
                1_000_000L,
                GenericArray.of(GenericRow.of("a", 3L)),
                io.driftway.schemaevolution.row.GenericMap.wrap(
                    new Object[] {"k"}, new Object[] {4L})));
  }

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of("plain ASCII", "{\"note\": \"plain text\"}", "plain text"),
        Arguments.of("empty", "{\"note\":\"\"}", ""),
        Arguments.of("escapes", "{\"note\": \"a\\\"b\\\\c\\n\\u00e9\"}", "a\"b\\c\né"),
        Arguments.of("UTF-8", "{\"note\": \"déjà vu 🙂\"}", "déjà vu 🙂"),
        Arguments.of("DEL", "{\"note\": \"a\u007fb\"}", "a\u007fb"),
        Arguments.of(
            "after a predicted name and in a list",
            "{\"id\": 1, \"note\": \"n\", \"items\": [{\"sku\": \"s\\\"1\", \"qty\": 2}]}",
            "n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strings")
  void readsStringsAsTheParserDecodesThem(String name, String json, String note) {
    JsonRowReader reader = reader(TablePolicy.defaults(), TABLE);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    byte[] padded = new byte[bytes.length + 6];
    System.arraycopy(bytes, 0, padded, 3, bytes.length);
    padded[0] = '"';
    padded[bytes.length + 3] = '"';

    // Twice, so the second read takes the predicted field order; and inside a larger array.
    assertThat(reader.read(bytes).getString(2)).isEqualTo(note);
    assertThat(reader.read(bytes).getString(2)).isEqualTo(note);
    assertThat(reader.read(padded, 3, bytes.length).getString(2)).isEqualTo(note);
    assertThat(reader.read(padded, 3, bytes.length))
        .isEqualTo(reader.read(bytes))
        .isEqualTo(
            SchemaTracker.create(TablePolicy.defaults(), TABLE)
                .track(
                    Inferrers.json(InferenceOptions.forTable(TablePolicy.defaults()))
                        .infer(bytes, SourceCoordinates.unknown()))
                .conformed()
                .row());
  }

  @Test
  void holdsAStringWithoutEscapesAsTheRecordsOwnBytesAndShowsItAsAString() {
    byte[] json =
        "{\"note\": \"d\u00e9j\u00e0\", \"items\": [{\"sku\": \"a\\\"b\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    Row row = reader(TablePolicy.defaults(), TABLE).read(json);
    Utf8Text note = row.getUtf8(2);
    Row item = row.getArray(5).getRow(0);

    assertThat(note.bytes()).isSameAs(json);
    assertThat(new String(json, note.offset(), note.length(), StandardCharsets.UTF_8))
        .isEqualTo("d\u00e9j\u00e0");
    assertThat(row.getString(2)).isEqualTo("d\u00e9j\u00e0");
    assertThat(row.get(2)).isEqualTo("d\u00e9j\u00e0");
    assertThat(item.getString(0)).isEqualTo("a\"b");
    assertThat(item.getUtf8(0).toString()).isEqualTo("a\"b");
    assertThat(row)
        .isEqualTo(
            GenericRow.of(
                null,
                null,
                "d\u00e9j\u00e0",
                null,
                null,
                GenericArray.of(GenericRow.of("a\"b", null)),
                null))
        .hasSameHashCodeAs(
            GenericRow.of(
                null,
                null,
                "d\u00e9j\u00e0",
                null,
                null,
                GenericArray.of(GenericRow.of("a\"b", null)),
                null));
  }

  @Test
  void declinesAStringWithAnUnescapedControlCharacterOrAnUnfinishedString() {
    JsonRowReader reader = reader(TablePolicy.defaults(), TABLE);

    assertThat(read(reader, "{\"note\": \"a\tb\"}")).isNull();
    assertThat(read(reader, "{\"note\": \"ab")).isNull();
  }

  static Stream<Arguments> numbers() {
    return Stream.of(
        Arguments.of("{\"id\": 0, \"price\": -0.0}", 0L, -0.0),
        Arguments.of("{\"id\": -0, \"price\": -0}", 0L, 0.0),
        Arguments.of("{\"id\": 9223372036854775807, \"price\": 1e308}", Long.MAX_VALUE, 1e308),
        Arguments.of(
            "{\"id\": -9223372036854775808, \"price\": 4.9e-324}", Long.MIN_VALUE, 4.9e-324),
        Arguments.of("{\"id\": 1, \"price\": 9007199254740992}", 1L, 9007199254740992.0),
        Arguments.of("{\"id\": 1, \"price\": 0.30000000000000004}", 1L, 0.30000000000000004),
        Arguments.of("{\"id\": 1, \"price\": 123456789012345e-22}", 1L, 123456789012345e-22),
        Arguments.of("{\"id\": 1, \"price\": 2.5E+3}", 1L, 2500.0),
        Arguments.of("{\"id\": 1, \"price\": 3.141592653589793238462643383279}", 1L, Math.PI));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numbers")
  void readsNumbersAtTheEdgesOfTheirTypesAsTheGeneralPathDoes(String json, long id, double price) {
    Row row = read(reader(TablePolicy.defaults(), TABLE), json);

    assertThat(row.getLong(1)).isEqualTo(id);
    assertThat(Double.doubleToRawLongBits(row.getDouble(3)))
        .isEqualTo(Double.doubleToRawLongBits(price));
    assertThat(row)
        .isEqualTo(
            SchemaTracker.create(TablePolicy.defaults(), TABLE)
                .track(Records.json(json))
                .conformed()
                .row());
  }

  static Stream<Arguments> outsideTheFastPath() {
    return Stream.of(
        Arguments.of("a long one past the maximum", "{\"id\": 9223372036854775808}"),
        Arguments.of("a fraction in a long column", "{\"id\": 1.0}"),
        Arguments.of("a leading zero", "{\"id\": 01}"),
        Arguments.of("a trailing decimal point", "{\"price\": 1.}"),
        Arguments.of("a bare minus", "{\"price\": -}"),
        Arguments.of("NaN", "{\"price\": NaN}"),
        Arguments.of("a trailing comma", "{\"id\": 1,}"),
        Arguments.of("a misspelled literal", "{\"note\": nul}"),
        Arguments.of("a literal run on", "{\"note\": nullx}"),
        Arguments.of("an unknown escape", "{\"note\": \"a\\qb\"}"),
        Arguments.of("a short unicode escape", "{\"note\": \"\\u00e\"}"),
        Arguments.of("a second value", "{\"id\": 1} {}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outsideTheFastPath")
  void declinesWhatJacksonRefusesOrWhatDoesNotFit(String name, String json) {
    assertThat(read(reader(TablePolicy.defaults(), TABLE), json)).isNull();
  }

  @Test
  void declinesInvalidUtf8AndReadsWhitespaceAroundEveryToken() {
    JsonRowReader reader = reader(TablePolicy.defaults(), TABLE);
    byte[] overlong = {
      '{', '"', 'n', 'o', 't', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'
    };
    byte[] surrogate = {
      '{', '"', 'n', 'o', 't', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'
    };
    byte[] cut = {'{', '"', 'n', 'o', 't', 'e', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'};

    assertThat(reader.read(overlong)).isNull();
    assertThat(reader.read(surrogate)).isNull();
    assertThat(reader.read(cut)).isNull();
    assertThat(read(reader, " \r\n\t{ \"id\" :\n1 ,\t\"note\"\r\n: \"n\" }\n "))
        .isEqualTo(GenericRow.of(null, 1L, "n", null, null, null, null));
  }

  @Test
  void readsARecordAfterAByteOrderMark() {
    byte[] json = "{\"note\": \"n\"}".getBytes(StandardCharsets.UTF_8);
    byte[] withMark = new byte[json.length + 3];
    withMark[0] = (byte) 0xEF;
    withMark[1] = (byte) 0xBB;
    withMark[2] = (byte) 0xBF;
    System.arraycopy(json, 0, withMark, 3, json.length);

    assertThat(reader(TablePolicy.defaults(), TABLE).read(withMark).getString(2)).isEqualTo("n");
  }

  static Stream<Arguments> drift() {
    return Stream.of(
        Arguments.of("a new field", "{\"id\": 1, \"extra\": 2}"),
        Arguments.of("a new nested field", "{\"items\": [{\"sku\": \"a\", \"color\": \"red\"}]}"),
        Arguments.of("a type that does not fit", "{\"id\": \"one\"}"),
        Arguments.of("an integer too wide for a double", "{\"price\": 9007199254740993}"),
        Arguments.of("a text that is not a timestamp", "{\"ts\": \"soon\"}"),
        Arguments.of("an object where a scalar is", "{\"note\": {\"a\": 1}}"),
        Arguments.of("a duplicate key", "{\"id\": 1, \"Id\": 2}"),
        Arguments.of("a forged rescued-data field", "{\"_rescued_data\": \"x\"}"),
        Arguments.of("malformed JSON", "{\"id\": 1"),
        Arguments.of("not an object", "[1]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drift")
  void declinesARecordThatDrifts(String name, String json) {
    assertThat(read(reader(TablePolicy.defaults(), TABLE), json)).isNull();
  }

  @Test
  void declinesANullOrMissingRequiredColumn() {
    StructType table = withRescued("struct<id:bigint,note:string>", "id");
    JsonRowReader reader = reader(TablePolicy.defaults(), table);

    assertThat(read(reader, "{\"id\": null}")).isNull();
    assertThat(read(reader, "{\"note\": \"n\"}")).isNull();
    assertThat(read(reader, "{\"id\": 1}")).isEqualTo(GenericRow.of(null, 1L, null));
  }

  @Test
  void declinesARecordOverALimit() {
    TablePolicy policy =
        TablePolicy.builder().limits(Limits.defaults().withMaxFieldsPerStruct(1)).build();

    assertThat(read(reader(policy, TABLE), "{\"id\": 1, \"note\": \"n\"}")).isNull();
  }

  @Test
  void leavesSplitColumnsToTheGeneralPath() {
    TablePolicy policy =
        TablePolicy.builder().onConflict("/p", ConflictAction.makeStruct()).build();
    StructType table = withRescued("struct<p:struct<long:bigint>>");

    assertThat(read(reader(policy, table), "{\"p\": {\"long\": 1}}")).isNull();
    assertThat(read(reader(policy, table), "{\"p\": null}")).isEqualTo(GenericRow.of(null, null));
  }

  @Test
  void readsHintedValuesAsInferenceDoes() {
    TablePolicy policy =
        TablePolicy.builder().hints(SchemaHints.parse("amount: decimal(6,2)")).build();
    StructType table = withRescued("struct<amount:decimal(6,2)>");
    String json = "{\"amount\": 1.10}";

    Row fast = read(reader(policy, table), json);
    SchemaTracker tracker = SchemaTracker.create(policy, table);
    DynamicRecord record =
        Inferrers.json(InferenceOptions.forTable(policy))
            .infer(json.getBytes(StandardCharsets.UTF_8), SourceCoordinates.unknown());

    assertThat(fast).isEqualTo(GenericRow.of(null, new BigDecimal("1.10")));
    assertThat(tracker.track(record).conformed().row()).isEqualTo(fast);
  }

  @Test
  void readsAvroThatFitsAndAgreesWithTheGeneralPath() throws IOException {
    GenericRecord order = AvroInferrerTest.order();
    SchemaTracker tracker = SchemaTracker.create(TablePolicy.defaults(), StructType.empty());
    DynamicRecord first =
        Inferrers.avro(InferenceOptions.defaults()).infer(order, SourceCoordinates.unknown());
    // The union ["int","string"] makes a new column of the preferred alternative: string.
    StructType table = tracker.track(first).tableSchema();
    AvroRowReader reader = FastPath.avro(table, order.getSchema(), TablePolicy.defaults());

    assertThat(reader.canFit()).isTrue();
    Row fast = reader.read(AvroInferrerTest.encode(order));
    assertThat(fast).isNotNull().isEqualTo(tracker.track(first).conformed().row());

    // A record its caller decoded already gives the same row.
    assertThat(reader.read(order)).isEqualTo(fast);
    // The int branch does not fit the string column: that record takes the general path.
    order.put("qty", 5);
    assertThat(reader.read(AvroInferrerTest.encode(order))).isNull();
    assertThat(reader.read(order)).isNull();
  }

  @Test
  void readsAvroStringsBeyondAsciiAsTheGeneralPathDoes() throws IOException {
    GenericRecord order = AvroInferrerTest.order();
    SchemaTracker tracker = SchemaTracker.create(TablePolicy.defaults(), StructType.empty());
    RecordInferrer<GenericRecord> inferrer = Inferrers.avro(InferenceOptions.defaults());
    order.put("note", "Grüße aus Graz, 5 € \uD83D\uDE80");
    order.put("tags", List.of("ascii", "naïve"));
    DynamicRecord general = inferrer.infer(decoded(order), SourceCoordinates.unknown());
    StructType table = tracker.track(general).tableSchema();
    AvroRowReader reader = FastPath.avro(table, order.getSchema(), TablePolicy.defaults());

    Row fast = reader.read(AvroInferrerTest.encode(order));

    assertThat(fast).isEqualTo(tracker.track(general).conformed().row());
    int note = table.indexOf("note");
    assertThat(fast.getString(note)).isEqualTo("Grüße aus Graz, 5 € \uD83D\uDE80");
    assertThat(fast.getUtf8(note).length()).isEqualTo(28);
  }

  @Test
  void leavesAvroStringsThatAreNotUtf8ToTheGeneralPath() throws IOException {
    GenericRecord order = AvroInferrerTest.order();
    SchemaTracker tracker = SchemaTracker.create(TablePolicy.defaults(), StructType.empty());
    RecordInferrer<GenericRecord> inferrer = Inferrers.avro(InferenceOptions.defaults());
    StructType table =
        tracker.track(inferrer.infer(order, SourceCoordinates.unknown())).tableSchema();
    AvroRowReader reader = FastPath.avro(table, order.getSchema(), TablePolicy.defaults());
    order.put("tags", List.of(new Utf8(new byte[] {'a', (byte) 0xC3, '('})));
    GenericRecord bad = decoded(order);

    assertThat(reader.read(AvroInferrerTest.encode(order))).isNull();
    assertThat(reader.read(bad)).isNull();
    assertThatThrownBy(() -> inferrer.infer(bad, SourceCoordinates.unknown()))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("invalid UTF-8 in a string at /tags");
  }

  /** {@code record} written and read back, its strings as Avro's reader keeps them. */
  private static GenericRecord decoded(GenericRecord record) throws IOException {
    return new GenericDatumReader<GenericRecord>(record.getSchema())
        .read(null, DecoderFactory.get().binaryDecoder(AvroInferrerTest.encode(record), null));
  }

  @Test
  void readsDecodedRecordsOfItsOwnWriterSchemaOnly() {
    GenericRecord order = AvroInferrerTest.order();
    SchemaTracker tracker = SchemaTracker.create(TablePolicy.defaults(), StructType.empty());
    StructType table =
        tracker
            .track(
                Inferrers.avro(InferenceOptions.defaults())
                    .infer(order, SourceCoordinates.unknown()))
            .tableSchema();
    Schema sameText = new Schema.Parser().parse(order.getSchema().toString());
    AvroRowReader reader = FastPath.avro(table, sameText, TablePolicy.defaults());

    // Compiled for another instance of an equal schema: the caller must compile for its own.
    assertThat(reader.read(order)).isNull();
  }

  @Test
  void knowsAtCompileTimeWhenAWriterSchemaCannotFit() {
    Schema writer = AvroSchemas.toAvro(withRescued("struct<id:bigint,extra:string>"), "w");
    StructType table = withRescued("struct<id:bigint>");

    AvroRowReader reader = FastPath.avro(table, writer, TablePolicy.defaults());

    assertThat(reader.canFit()).isFalse();
    assertThat(reader.read(new byte[] {0})).isNull();
    assertThat(new GenericData.Record(writer).getSchema()).isEqualTo(reader.writerSchema());
  }
}
