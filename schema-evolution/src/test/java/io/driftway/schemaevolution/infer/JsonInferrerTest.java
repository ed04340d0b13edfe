package io.driftway.schemaevolution.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.SchemaHints;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.QuarantineReason;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.record.StructValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonInferrerTest {

  private static final SourceCoordinates AT = SourceCoordinates.kafka("orders", 2, 99L);

  private static DynamicRecord infer(InferenceOptions options, String json) {
    return Inferrers.json(options).infer(json.getBytes(StandardCharsets.UTF_8), AT);
  }

  @Test
  void infersNestedTypesFromOneRecord() {
    DynamicRecord record =
        infer(
            InferenceOptions.defaults(),
            "{\"id\": 7, \"price\": 1.5, \"ok\": true, \"note\": null, \"items\": [{\"sku\": \"a\"},"
                + " {\"sku\": \"b\", \"qty\": 2}], \"big\": 123456789012345678901234567890,"
                + " \"mixed\": [1, \"x\", null], \"empty\": []}");

    assertThat(record.schema())
        .hasToString(
            "struct<id:long not null,price:double not null,ok:boolean not null,note:null,"
                + "items:array<struct<qty:long,sku:string not null> not null> not null,"
                + "big:decimal(30,0) not null,mixed:array<choice<long,string>> not null,"
                + "empty:array<null not null> not null>");
    assertThat(record.values().get("big"))
        .isEqualTo(new BigDecimal("123456789012345678901234567890"));
    assertThat(record.coordinates().describe()).isEqualTo("kafka:orders/2@99");
    assertThat(record.sizeBytes()).isPositive();
  }

  @Test
  void keepsDuplicateKeysAsEntriesButTypesTheFirst() {
    DynamicRecord record = infer(InferenceOptions.defaults(), "{\"a\": 1, \"A\": \"x\"}");

    assertThat(record.schema()).hasToString("struct<a:long not null>");
    assertThat(record.values().size()).isEqualTo(2);
    assertThat(record.values().value(1)).isEqualTo("x");
  }

  @Test
  void appliesHintsBeforeInference() {
    InferenceOptions options =
        InferenceOptions.defaults()
            .withHints(
                SchemaHints.parse(
                    "event_time: timestamptz, amount: decimal(12,2), code: string, tags: array<int>"));

    DynamicRecord record =
        infer(
            options,
            "{\"event_time\": \"2026-01-02T03:04:05+02:00\", \"amount\": 10.50, \"code\": 7,"
                + " \"tags\": [1, 2], \"other\": \"2026-01-02T03:04:05Z\"}");

    assertThat(record.schema())
        .hasToString(
            "struct<event_time:timestamptz not null,amount:decimal(12,2) not null,code:string not"
                + " null,tags:array<int not null> not null,other:string not null>");
    StructValue values = record.values();
    assertThat(values.get("event_time")).isEqualTo(OffsetDateTime.parse("2026-01-02T01:04:05Z"));
    assertThat(values.get("amount")).isEqualTo(new BigDecimal("10.50"));
    assertThat(values.get("code")).isEqualTo("7");
    assertThat(values.get("tags")).isEqualTo(List.of(1, 2));
  }

  @Test
  void aValueThatDoesNotReadAsItsHintKeepsItsOwnType() {
    InferenceOptions options =
        InferenceOptions.defaults().withHints(SchemaHints.parse("amount: decimal(4,2)"));

    DynamicRecord record = infer(options, "{\"amount\": 123.456}");

    assertThat(record.schema()).hasToString("struct<amount:double not null>");
  }

  @Test
  void anIntegerTooWideForItsDecimalHintKeepsItsOwnPrecision() {
    InferenceOptions options =
        InferenceOptions.defaults().withHints(SchemaHints.parse("d: decimal(20,0)"));

    DynamicRecord fits = infer(options, "{\"d\": 12345}");
    DynamicRecord wider = infer(options, "{\"d\": 123456789012345678901234}");

    assertThat(fits.schema()).hasToString("struct<d:decimal(20,0) not null>");
    assertThat(wider.schema()).hasToString("struct<d:decimal(24,0) not null>");
  }

  @Test
  void infersTimestampsEverywhereOnlyWhenAsked() {
    InferenceOptions options = InferenceOptions.defaults().withInferTimestamps(true);

    DynamicRecord record =
        infer(
            options,
            "{\"d\": \"2026-01-02\", \"t\": \"2026-01-02 03:04:05\", \"z\": \"2026-01-02T03:04:05.123Z\", \"s\": \"soon\"}");

    assertThat(record.schema())
        .hasToString(
            "struct<d:date not null,t:timestamp not null,z:timestamptz not null,s:string not null>");
  }

  @Test
  void readsEpochMillisAsTimestamptzOnlyInFieldsNamedLikeAPointInTimeAndWhenAsked() {
    String json =
        "{\"created_at\": 1767225600000, \"eventTime\": 1767225600123, \"ts\": 1767225600000,"
            + " \"count_at\": 12, \"user_id\": 1767225600000, \"seconds_at\": 1767225600,"
            + " \"format\": 1767225600000}";

    DynamicRecord off = infer(InferenceOptions.defaults(), json);
    DynamicRecord on = infer(InferenceOptions.defaults().withInferTimestamps(true), json);

    assertThat(off.schema().toString()).doesNotContain("timestamptz");
    assertThat(on.schema())
        .hasToString(
            "struct<created_at:timestamptz not null,eventTime:timestamptz not null,ts:timestamptz"
                + " not null,count_at:long not null,user_id:long not null,seconds_at:long not"
                + " null,format:long not null>");
    assertThat(on.values().get("eventTime")).hasToString("2026-01-01T00:00:00.123Z");
  }

  static Stream<Arguments> rejections() {
    return Stream.of(
        Arguments.of(
            InferenceOptions.defaults().withLimits(Limits.defaults().withMaxNestingDepth(2)),
            "{\"a\": {\"b\": {\"c\": 1}}}",
            QuarantineReason.Stage.LIMIT,
            "Cannot accept record: nesting depth 3 exceeds max-nesting-depth=2: /a/b"),
        Arguments.of(
            InferenceOptions.defaults().withLimits(Limits.defaults().withMaxNestingDepth(2)),
            "{\"a\": [[1]]}",
            QuarantineReason.Stage.LIMIT,
            "Cannot accept record: nesting depth 3 exceeds max-nesting-depth=2: /a/0"),
        Arguments.of(
            InferenceOptions.defaults().withLimits(Limits.defaults().withMaxFieldsPerStruct(2)),
            "{\"x\": {\"a\": 1, \"b\": 2, \"c\": 3}}",
            QuarantineReason.Stage.LIMIT,
            "Cannot accept record: field count 3 exceeds max-fields-per-struct=2: /x/c"),
        Arguments.of(
            InferenceOptions.defaults().withLimits(Limits.defaults().withMaxRecordBytes(10)),
            "{\"a\": \"0123456789\"}",
            QuarantineReason.Stage.LIMIT,
            "Cannot accept record: record size 19 exceeds max-record-bytes=10: /"),
        Arguments.of(
            InferenceOptions.defaults(),
            "[1, 2]",
            QuarantineReason.Stage.DECODE,
            "Cannot decode JSON record: expected an object, got [: kafka:orders/2@99"),
        Arguments.of(
            InferenceOptions.defaults(),
            "{\"a\": 1} {\"b\": 2}",
            QuarantineReason.Stage.DECODE,
            "Cannot decode JSON record: unexpected { after the object: kafka:orders/2@99"));
  }

  @ParameterizedTest
  @MethodSource("rejections")
  void rejectsWithAReasonThatNamesTheLimit(
      InferenceOptions options, String json, QuarantineReason.Stage stage, String message) {
    assertThatThrownBy(() -> infer(options, json))
        .isInstanceOfSatisfying(
            RecordRejectedException.class,
            e -> {
              assertThat(e.reason().stage()).isEqualTo(stage);
              assertThat(e.reason().message()).isEqualTo(message);
            });
  }

  @Test
  void rejectsMalformedJsonWithTheParsersReason() {
    assertThatThrownBy(() -> infer(InferenceOptions.defaults(), "{\"a\": tru}"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageStartingWith("Cannot decode JSON record: Unrecognized token 'tru'")
        .hasMessageEndingWith(": kafka:orders/2@99");
  }
}
