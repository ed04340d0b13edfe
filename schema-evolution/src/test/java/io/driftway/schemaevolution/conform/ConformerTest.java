package io.driftway.schemaevolution.conform;

import static io.driftway.schemaevolution.Records.json;
import static io.driftway.schemaevolution.Records.withRescued;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.schemaevolution.SchemaTracker;
import io.driftway.schemaevolution.infer.CsvOptions;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.merge.SchemaEvolver;
import io.driftway.schemaevolution.policy.ConflictAction;
import io.driftway.schemaevolution.policy.NewFieldAction;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.QuarantineReason;
import io.driftway.schemaevolution.row.GenericArray;
import io.driftway.schemaevolution.row.GenericMap;
import io.driftway.schemaevolution.row.GenericRow;
import io.driftway.schemaevolution.types.StructType;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What lands in the row, what is rescued, and what is quarantined, for every conflict action. */
class ConformerTest {

  private static TablePolicy onConflict(String path, String action) {
    return TablePolicy.builder().onConflict(path, ConflictAction.parse(action)).build();
  }

  /** Evolves the table for the record first, as the pipeline does, then conforms. */
  private static Conformed conform(TablePolicy policy, StructType table, String record) {
    DynamicRecord dynamic = json(record, policy);
    StructType evolved = SchemaEvolver.of(policy).evolve(table, dynamic.schema()).after();
    return Conformer.of(policy).conform(dynamic, evolved);
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(
            "every value fits: nothing rescued",
            TablePolicy.defaults(),
            withRescued("struct<id:bigint,tags:array<string>,m:map<string,double>>"),
            "{\"id\": 7, \"tags\": [\"a\", null], \"m\": {\"x\": 1.5, \"y\": 2}}",
            GenericRow.of(
                null,
                7L,
                GenericArray.of("a", null),
                GenericMap.wrap(new Object[] {"x", "y"}, new Object[] {1.5, 2.0})),
            null),
        Arguments.of(
            "widen rescues a value of another type, keyed by its pointer",
            TablePolicy.defaults(),
            withRescued("struct<id:bigint,qty:bigint>"),
            "{\"id\": 7, \"qty\": \"many\"}",
            GenericRow.of("{\"/qty\":\"many\"}", 7L, null),
            "{\"/qty\":\"many\"}"),
        Arguments.of(
            "widen rescues a nested value, with its list position",
            TablePolicy.defaults(),
            withRescued("struct<items:array<struct<sku:string,qty:bigint>>>"),
            "{\"items\": [{\"sku\": \"a\", \"qty\": 1}, {\"sku\": \"b\", \"qty\": \"two\"}]}",
            GenericRow.of(
                "{\"/items/1/qty\":\"two\"}",
                GenericArray.of(GenericRow.of("a", 1L), GenericRow.of("b", null))),
            "{\"/items/1/qty\":\"two\"}"),
        Arguments.of(
            "rescue policy: the new field's whole value is rescued",
            TablePolicy.builder().newFields(NewFieldAction.RESCUE).build(),
            withRescued("struct<id:bigint>"),
            "{\"id\": 1, \"extra\": {\"a\": [1, 2]}}",
            GenericRow.of("{\"/extra\":{\"a\":[1,2]}}", 1L),
            "{\"/extra\":{\"a\":[1,2]}}"),
        Arguments.of(
            "ignore policy: not reported, but the value is still rescued",
            TablePolicy.builder().newFields(NewFieldAction.IGNORE).build(),
            withRescued("struct<id:bigint>"),
            "{\"id\": 1, \"debug\": true}",
            GenericRow.of("{\"/debug\":true}", 1L),
            "{\"/debug\":true}"),
        Arguments.of(
            "cast converts text exactly",
            onConflict("/qty", "cast:long"),
            withRescued("struct<qty:bigint>"),
            "{\"qty\": \"12\"}",
            GenericRow.of(null, 12L),
            null),
        Arguments.of(
            "cast rescues what does not convert exactly",
            onConflict("/qty", "cast:long"),
            withRescued("struct<qty:bigint>"),
            "{\"qty\": 12.5}",
            GenericRow.of("{\"/qty\":12.5}", null),
            "{\"/qty\":12.5}"),
        Arguments.of(
            "cast to string writes nested values as JSON",
            onConflict("/payload", "cast:string"),
            withRescued("struct<payload:string>"),
            "{\"payload\": {\"a\": 1}}",
            GenericRow.of(null, "{\"a\":1}"),
            null),
        Arguments.of(
            "cast to decimal in a list element",
            onConflict("/items/price", "cast:decimal(6,2)"),
            withRescued("struct<items:array<struct<price:decimal(6,2)>>>"),
            "{\"items\": [{\"price\": \"12.50\"}, {\"price\": \"1.005\"}]}",
            GenericRow.of(
                "{\"/items/1/price\":\"1.005\"}",
                GenericArray.of(
                    GenericRow.of(new BigDecimal("12.50")), GenericRow.of((Object) null))),
            "{\"/items/1/price\":\"1.005\"}"),
        Arguments.of(
            "project keeps values of its type and rescues the rest without casting",
            onConflict("/code", "project:string"),
            withRescued("struct<code:string>"),
            "{\"code\": 7}",
            GenericRow.of("{\"/code\":7}", null),
            "{\"/code\":7}"),
        Arguments.of(
            "match_catalog casts to the table's type",
            TablePolicy.builder().onConflict(ConflictAction.matchCatalog()).build(),
            withRescued("struct<qty:int,active:boolean>"),
            "{\"qty\": 5, \"active\": \"true\"}",
            GenericRow.of(null, 5, true),
            null),
        Arguments.of(
            "cast named through a map value and a list element applies there",
            onConflict("/m/{}/[]/c", "cast:long"),
            withRescued("struct<m:map<string,array<struct<c:bigint>>>>"),
            "{\"m\": {\"k\": [{\"c\": \"34\"}, {\"c\": \"zz\"}]}}",
            GenericRow.of(
                "{\"/m/k/1/c\":\"zz\"}",
                GenericMap.wrap(
                    new Object[] {"k"},
                    new Object[] {
                      GenericArray.of(GenericRow.of(34L), GenericRow.of((Object) null))
                    })),
            "{\"/m/k/1/c\":\"zz\"}"),
        Arguments.of(
            "match_catalog casts inside a map value and rescues what does not cast",
            onConflict("/m", "match_catalog"),
            withRescued("struct<m:map<string,struct<n:int>>>"),
            "{\"m\": {\"a\": {\"n\": \"5\"}, \"b\": {\"n\": \"five\"}}}",
            GenericRow.of(
                "{\"/m/b/n\":\"five\"}",
                GenericMap.wrap(
                    new Object[] {"a", "b"},
                    new Object[] {GenericRow.of(5), GenericRow.of((Object) null)})),
            "{\"/m/b/n\":\"five\"}"),
        Arguments.of(
            "make_struct inside a list of structs",
            onConflict("/items/price", "make_struct"),
            withRescued("struct<items:array<struct<price:struct<long:bigint,string:string>>>>"),
            "{\"items\": [{\"price\": 2}, {\"price\": \"free\"}]}",
            GenericRow.of(
                null,
                GenericArray.of(
                    GenericRow.of(GenericRow.of(2L, null)),
                    GenericRow.of(GenericRow.of(null, "free")))),
            null),
        Arguments.of(
            "make_cols puts each value in the column of its type",
            onConflict("/price", "make_cols"),
            withRescued("struct<price_long:bigint,price_string:string>"),
            "{\"price\": \"n/a\"}",
            GenericRow.of(null, null, "n/a"),
            null),
        Arguments.of(
            "make_struct puts each value in the field of its type",
            onConflict("/price", "make_struct"),
            withRescued("struct<price:struct<long:bigint,string:string>>"),
            "{\"price\": 3}",
            GenericRow.of(null, GenericRow.of(3L, null)),
            null),
        Arguments.of(
            "keys that differ only in case: the first fills the column, the next is rescued",
            TablePolicy.defaults(),
            withRescued("struct<userId:bigint>"),
            "{\"userid\": 1, \"userId\": 2}",
            GenericRow.of("{\"/userId\":2}", 1L),
            "{\"/userId\":2}"),
        Arguments.of(
            "a record field named like the rescued-data column is rescued, not trusted",
            TablePolicy.defaults(),
            withRescued("struct<id:bigint>"),
            "{\"id\": 1, \"_rescued_data\": \"forged\"}",
            GenericRow.of("{\"/_rescued_data\":\"forged\"}", 1L),
            "{\"/_rescued_data\":\"forged\"}"),
        Arguments.of(
            "an object in a demoted map column becomes map entries",
            TablePolicy.defaults(),
            withRescued("struct<attrs:map<string,bigint>>"),
            "{\"attrs\": {\"a\": 1, \"b\": \"x\"}}",
            GenericRow.of(
                "{\"/attrs/b\":\"x\"}", GenericMap.wrap(new Object[] {"a"}, new Object[] {1L})),
            "{\"/attrs/b\":\"x\"}"),
        Arguments.of(
            "a timestamp string fits a timestamptz column, in microseconds UTC",
            TablePolicy.defaults(),
            withRescued("struct<ts:timestamptz,day:date>"),
            "{\"ts\": \"1970-01-01T01:00:00.000001+01:00\", \"day\": \"1970-01-03\"}",
            GenericRow.of(null, 1L, 2),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void writesTheRowAndRescuesWhatDoesNotFit(
      String name,
      TablePolicy policy,
      StructType table,
      String record,
      GenericRow expectedRow,
      String expectedRescued) {
    Conformed conformed = conform(policy, table, record);

    assertThat(conformed.quarantine()).isNull();
    assertThat(conformed.row()).isEqualTo(expectedRow);
    assertThat(conformed.rescuedData()).isEqualTo(expectedRescued);
  }

  static Stream<Arguments> quarantines() {
    return Stream.of(
        Arguments.of(
            TablePolicy.builder().onConflict(ConflictAction.quarantine()).build(),
            withRescued("struct<qty:bigint>"),
            "{\"qty\": \"x\"}",
            "Cannot conform record: a string value does not fit column type long under policy"
                + " on-conflict=quarantine: /qty"),
        Arguments.of(
            onConflict("/order", "quarantine"),
            withRescued("struct<order:struct<items:array<struct<qty:bigint>>>>"),
            "{\"order\": {\"items\": [{\"qty\": 1}, {\"qty\": {\"n\": 2}}]}}",
            "Cannot conform record: a struct value does not fit column type long under policy"
                + " on-conflict=quarantine: /order/items/1/qty"));
  }

  @ParameterizedTest
  @MethodSource("quarantines")
  void quarantinesWithAReasonThatNamesPolicyAndPath(
      TablePolicy policy, StructType table, String record, String message) {
    Conformed conformed = conform(policy, table, record);

    assertThat(conformed.row()).isNull();
    assertThat(conformed.quarantine().stage()).isEqualTo(QuarantineReason.Stage.POLICY);
    assertThat(conformed.quarantine().message()).isEqualTo(message);
  }

  @Test
  void rescuesCsvCellsWithTheirOriginalText() {
    TablePolicy policy = TablePolicy.defaults();
    SchemaTracker tracker =
        SchemaTracker.create(policy, withRescued("struct<id:int,price:double>"));
    List<DynamicRecord> records =
        Inferrers.csv(CsvOptions.defaults(), InferenceOptions.forTable(policy))
            .inferFile("id,price\n1,12.50\n2,007\n", "orders.csv");

    assertThat(tracker.track(records.get(0)).conformed().row())
        .isEqualTo(GenericRow.of(null, 1, 12.5));
    assertThat(tracker.track(records.get(1)).conformed().rescuedData())
        .isEqualTo("{\"/price\":\"007\"}");
  }
}
