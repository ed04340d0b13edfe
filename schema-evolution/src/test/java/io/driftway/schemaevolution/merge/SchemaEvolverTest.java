package io.driftway.schemaevolution.merge;

import static io.driftway.schemaevolution.Records.json;
import static io.driftway.schemaevolution.Records.withRescued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.policy.ConflictAction;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.NewFieldAction;
import io.driftway.schemaevolution.policy.SchemaHints;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every new-field action and every conflict action, at the top level and nested. */
class SchemaEvolverTest {

  private static TablePolicy policy() {
    return TablePolicy.defaults();
  }

  private static TablePolicy newFields(NewFieldAction action) {
    return TablePolicy.builder().newFields(action).build();
  }

  private static TablePolicy onConflict(String path, String action) {
    return TablePolicy.builder().onConflict(path, ConflictAction.parse(action)).build();
  }

  private static TablePolicy onConflict(String action) {
    return TablePolicy.builder().onConflict(ConflictAction.parse(action)).build();
  }

  private static TablePolicy hints(String hints) {
    return TablePolicy.builder().hints(SchemaHints.parse(hints)).build();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "evolve adds a top-level column",
            policy(),
            withRescued("struct<id:bigint>"),
            "{\"id\": 1, \"note\": \"gift\"}",
            "struct<_rescued_data:string,id:long,note:string>",
            List.of("ADD_COLUMN /note: string (new-fields=evolve)")),
        Arguments.of(
            "evolve adds a field to a struct in a list in a map",
            policy(),
            withRescued("struct<m:map<string,array<struct<a:bigint>>>>"),
            "{\"m\": {\"k\": [{\"a\": 1, \"b\": \"x\"}]}}",
            "struct<_rescued_data:string,m:map<string,array<struct<a:long,b:string>>>>",
            List.of("ADD_COLUMN /m/{}/[]/b: string (new-fields=evolve)")),
        Arguments.of(
            "evolve adds a whole new struct inside an existing one as one change",
            policy(),
            withRescued("struct<customer:struct<id:bigint>>"),
            "{\"customer\": {\"id\": 1, \"address\": {\"city\": \"Lyon\", \"zip\": null}}}",
            "struct<_rescued_data:string,customer:struct<id:long,address:struct<city:string>>>",
            List.of("ADD_COLUMN /customer/address: struct<city:string> (new-fields=evolve)")),
        Arguments.of(
            "new columns of one record are appended in case-insensitive name order",
            policy(),
            withRescued("struct<id:bigint>"),
            "{\"zeta\": 1, \"Alpha\": 2, \"beta\": 3}",
            "struct<_rescued_data:string,id:long,Alpha:long,beta:long,zeta:long>",
            List.of(
                "ADD_COLUMN /zeta: long (new-fields=evolve)",
                "ADD_COLUMN /Alpha: long (new-fields=evolve)",
                "ADD_COLUMN /beta: long (new-fields=evolve)")),
        Arguments.of(
            "a field seen only as null, [] or {} adds no column",
            policy(),
            withRescued("struct<id:bigint>"),
            "{\"id\": 1, \"a\": null, \"b\": [], \"c\": {}}",
            "struct<_rescued_data:string,id:long>",
            List.of()),
        Arguments.of(
            "rescue keeps the schema and reports the field",
            newFields(NewFieldAction.RESCUE),
            withRescued("struct<id:bigint>"),
            "{\"id\": 1, \"note\": \"gift\"}",
            "struct<_rescued_data:string,id:long>",
            List.of("RESCUE_FIELD /note: string (new-fields=rescue)")),
        Arguments.of(
            "rescue applies to nested new fields",
            newFields(NewFieldAction.RESCUE),
            withRescued("struct<items:array<struct<sku:string>>>"),
            "{\"items\": [{\"sku\": \"a\", \"qty\": 2}]}",
            "struct<_rescued_data:string,items:array<struct<sku:string>>>",
            List.of("RESCUE_FIELD /items/[]/qty: long (new-fields=rescue)")),
        Arguments.of(
            "ignore keeps the schema silently",
            newFields(NewFieldAction.IGNORE),
            withRescued("struct<id:bigint>"),
            "{\"id\": 1, \"note\": \"gift\"}",
            "struct<_rescued_data:string,id:long>",
            List.of()),
        Arguments.of(
            "a path override wins below its path only",
            TablePolicy.builder().newFields("/debug", NewFieldAction.IGNORE).build(),
            withRescued("struct<id:bigint,debug:struct<a:bigint>>"),
            "{\"id\": 1, \"debug\": {\"a\": 1, \"trace\": \"t\"}, \"note\": \"n\"}",
            "struct<_rescued_data:string,id:long,debug:struct<a:long>,note:string>",
            List.of("ADD_COLUMN /note: string (new-fields=evolve)")),
        Arguments.of(
            "widen int to long",
            policy(),
            withRescued("struct<order:struct<qty:int>>"),
            "{\"order\": {\"qty\": 5}}",
            "struct<_rescued_data:string,order:struct<qty:long>>",
            List.of("WIDEN /order/qty: int -> long (on-conflict=widen)")),
        Arguments.of(
            "widen decimal precision, same scale",
            hints("amount: decimal(9,2)"),
            withRescued("struct<amount:decimal(5,2)>"),
            "{\"amount\": 1234567.89}",
            "struct<_rescued_data:string,amount:decimal(9,2)>",
            List.of("WIDEN /amount: decimal(5,2) -> decimal(9,2) (on-conflict=widen)")),
        Arguments.of(
            "a value that fits by widening the value changes nothing",
            policy(),
            withRescued("struct<ratio:double,ts:timestamptz,amount:decimal(12,2)>"),
            "{\"ratio\": 3, \"ts\": \"2026-01-02T03:04:05Z\", \"amount\": 12.5}",
            "struct<_rescued_data:string,ratio:double,ts:timestamptz,amount:decimal(12,2)>",
            List.of()),
        Arguments.of(
            "a required column missing from the record becomes optional",
            policy(),
            withRescued("struct<id:bigint,note:string>", "id"),
            "{\"note\": \"n\"}",
            "struct<_rescued_data:string,id:long,note:string>",
            List.of("MAKE_OPTIONAL /id: long not null -> long (missing-fields=null)")),
        Arguments.of(
            "a required column seen as null becomes optional",
            policy(),
            withRescued("struct<id:bigint>", "id"),
            "{\"id\": null}",
            "struct<_rescued_data:string,id:long>",
            List.of("MAKE_OPTIONAL /id: long not null -> long (missing-fields=null)")),
        Arguments.of(
            "a required list element seen as null becomes optional",
            policy(),
            withRescued("struct<id:bigint>")
                .with(Field.optional("tags", ListType.ofRequired(PrimitiveType.STRING))),
            "{\"tags\": [\"a\", null]}",
            "struct<_rescued_data:string,id:long,tags:array<string>>",
            List.of("MAKE_OPTIONAL /tags/[]: string not null -> string (missing-fields=null)")),
        Arguments.of(
            "widen keeps the column when the types are a choice",
            policy(),
            withRescued("struct<qty:bigint>"),
            "{\"qty\": \"many\"}",
            "struct<_rescued_data:string,qty:long>",
            List.of("RESOLVE_CHOICE /qty: choice<long,string> -> long (on-conflict=widen)")),
        Arguments.of(
            "a choice inside a list element",
            policy(),
            withRescued("struct<tags:array<string>>"),
            "{\"tags\": [\"a\", 1]}",
            "struct<_rescued_data:string,tags:array<string>>",
            List.of("RESOLVE_CHOICE /tags/[]: choice<long,string> -> string (on-conflict=widen)")),
        Arguments.of(
            "a new column seen with a choice takes the preferred alternative",
            policy(),
            withRescued("struct<id:bigint>"),
            "{\"v\": [1, \"a\"]}",
            "struct<_rescued_data:string,id:long,v:array<string>>",
            List.of(
                "RESOLVE_CHOICE /v/[]: choice<long,string> -> string (on-conflict=widen)",
                "ADD_COLUMN /v: array<string> (new-fields=evolve)")),
        Arguments.of(
            "cast keeps the column and decides",
            onConflict("/qty", "cast:long"),
            withRescued("struct<qty:bigint>"),
            "{\"qty\": \"12\"}",
            "struct<_rescued_data:string,qty:long>",
            List.of("RESOLVE_CHOICE /qty: choice<long,string> -> long (on-conflict=cast:long)")),
        Arguments.of(
            "cast gives a new column its type",
            onConflict("/price", "cast:decimal(12,2)"),
            withRescued("struct<id:bigint>"),
            "{\"price\": 12.5}",
            "struct<_rescued_data:string,id:long,price:decimal(12,2)>",
            List.of("ADD_COLUMN /price: decimal(12,2) (new-fields=evolve)")),
        Arguments.of(
            "cast to a legal widening of the column widens it",
            onConflict("/qty", "cast:long"),
            withRescued("struct<qty:int>"),
            "{\"qty\": \"12\"}",
            "struct<_rescued_data:string,qty:long>",
            List.of("WIDEN /qty: int -> long (on-conflict=cast:long)")),
        Arguments.of(
            "project gives a new nested column its type",
            onConflict("/payload/items/code", "project:string"),
            withRescued("struct<payload:struct<items:array<struct<sku:string>>>>"),
            "{\"payload\": {\"items\": [{\"sku\": \"a\", \"code\": 7}]}}",
            "struct<_rescued_data:string,payload:struct<items:array<struct<sku:string,code:string>>>>",
            List.of("ADD_COLUMN /payload/items/[]/code: string (new-fields=evolve)")),
        Arguments.of(
            "match_catalog keeps the table's type even when widening is legal",
            onConflict("match_catalog"),
            withRescued("struct<qty:int>"),
            "{\"qty\": 5}",
            "struct<_rescued_data:string,qty:int>",
            List.of("RESOLVE_CHOICE /qty: long -> int (on-conflict=match_catalog)")),
        Arguments.of(
            "match_catalog in a map value keeps the table's type",
            onConflict("/m", "match_catalog"),
            withRescued("struct<m:map<string,struct<n:int>>>"),
            "{\"m\": {\"k\": {\"n\": \"5\"}}}",
            "struct<_rescued_data:string,m:map<string,struct<n:int>>>",
            List.of(
                "RESOLVE_CHOICE /m/{}/n: choice<int,string> -> int (on-conflict=match_catalog)")),
        Arguments.of(
            "make_struct on a field inside a list of structs",
            onConflict("/items/price", "make_struct"),
            withRescued("struct<items:array<struct<price:struct<long:bigint>>>>"),
            "{\"items\": [{\"price\": 1.5}]}",
            "struct<_rescued_data:string,items:array<struct<price:struct<long:long,double:double>>>>",
            List.of("ADD_COLUMN /items/[]/price/double: double (new-fields=evolve)")),
        Arguments.of(
            "quarantine keeps the column, conform refuses the record",
            onConflict("quarantine"),
            withRescued("struct<qty:bigint>"),
            "{\"qty\": \"x\"}",
            "struct<_rescued_data:string,qty:long>",
            List.of("RESOLVE_CHOICE /qty: choice<long,string> -> long (on-conflict=quarantine)")),
        Arguments.of(
            "quarantine set on a parent path applies below it",
            onConflict("/payload", "quarantine"),
            withRescued("struct<payload:struct<x:bigint>>"),
            "{\"payload\": {\"x\": \"y\"}}",
            "struct<_rescued_data:string,payload:struct<x:long>>",
            List.of(
                "RESOLVE_CHOICE /payload/x: choice<long,string> -> long (on-conflict=quarantine)")),
        Arguments.of(
            "make_cols names a column per type from the first sighting",
            onConflict("/price", "make_cols"),
            withRescued("struct<id:bigint>"),
            "{\"price\": 1}",
            "struct<_rescued_data:string,id:long,price_long:long>",
            List.of("ADD_COLUMN /price_long: long (new-fields=evolve)")),
        Arguments.of(
            "make_cols adds the column of a second type",
            onConflict("/price", "make_cols"),
            withRescued("struct<price_long:bigint>"),
            "{\"price\": \"n/a\"}",
            "struct<_rescued_data:string,price_long:long,price_string:string>",
            List.of("ADD_COLUMN /price_string: string (new-fields=evolve)")),
        Arguments.of(
            "make_cols in a nested struct",
            onConflict("/order/items/price", "make_cols"),
            withRescued("struct<order:struct<items:array<struct<price_long:bigint>>>>"),
            "{\"order\": {\"items\": [{\"price\": 1.5}]}}",
            "struct<_rescued_data:string,order:struct<items:array<struct<price_long:long,price_double:double>>>>",
            List.of("ADD_COLUMN /order/items/[]/price_double: double (new-fields=evolve)")),
        Arguments.of(
            "make_struct shapes a new field as a struct of types",
            onConflict("/price", "make_struct"),
            withRescued("struct<id:bigint>"),
            "{\"price\": 1}",
            "struct<_rescued_data:string,id:long,price:struct<long:long>>",
            List.of("ADD_COLUMN /price: struct<long:long> (new-fields=evolve)")),
        Arguments.of(
            "make_struct adds a field for a second type",
            onConflict("/price", "make_struct"),
            withRescued("struct<price:struct<long:bigint>>"),
            "{\"price\": \"n/a\"}",
            "struct<_rescued_data:string,price:struct<long:long,string:string>>",
            List.of("ADD_COLUMN /price/string: string (new-fields=evolve)")),
        Arguments.of(
            "names match ignoring case and the table keeps its spelling",
            policy(),
            withRescued("struct<userId:bigint>"),
            "{\"USERID\": 2}",
            "struct<_rescued_data:string,userId:long>",
            List.of()),
        Arguments.of(
            "a hint types a new column",
            hints("event_time: timestamptz, amount: decimal(12,2)"),
            withRescued("struct<id:bigint>"),
            "{\"event_time\": \"2026-01-02T03:04:05+02:00\", \"amount\": 10.25}",
            "struct<_rescued_data:string,id:long,amount:decimal(12,2),event_time:timestamptz>",
            List.of(
                "ADD_COLUMN /event_time: timestamptz (new-fields=evolve)",
                "ADD_COLUMN /amount: decimal(12,2) (new-fields=evolve)")),
        Arguments.of(
            "the explosion guard keeps a struct column and adds one overflow map inside it",
            TablePolicy.builder().limits(Limits.defaults().withMapThreshold(3)).build(),
            withRescued("struct<attrs:struct<u1:bigint,u2:bigint,u3:bigint>>"),
            "{\"attrs\": {\"u1\": 1, \"u4\": 4, \"u5\": 5}}",
            "struct<_rescued_data:string,"
                + "attrs:struct<u1:long,u2:long,u3:long,_extra_keys:map<string,long>>>",
            List.of("OVERFLOW_TO_MAP /attrs/_extra_keys: map<string,long> (map-threshold=3)")),
        Arguments.of(
            "overflow values of different types meet as strings",
            TablePolicy.builder().limits(Limits.defaults().withMapThreshold(2)).build(),
            withRescued("struct<attrs:struct<u1:bigint,u2:bigint>>"),
            "{\"attrs\": {\"u3\": 3, \"u4\": true}}",
            "struct<_rescued_data:string,"
                + "attrs:struct<u1:long,u2:long,_extra_keys:map<string,string>>>",
            List.of("OVERFLOW_TO_MAP /attrs/_extra_keys: map<string,string> (map-threshold=2)")),
        Arguments.of(
            "a struct below the threshold still grows columns",
            TablePolicy.builder().limits(Limits.defaults().withMapThreshold(3)).build(),
            withRescued("struct<attrs:struct<u1:bigint,u2:bigint>>"),
            "{\"attrs\": {\"u3\": 3}}",
            "struct<_rescued_data:string,attrs:struct<u1:long,u2:long,u3:long>>",
            List.of("ADD_COLUMN /attrs/u3: long (new-fields=evolve)")),
        Arguments.of(
            "once a struct overflows, its new keys go to the map even below the threshold",
            TablePolicy.builder().limits(Limits.defaults().withMapThreshold(3)).build(),
            withRescued("struct<attrs:struct<u1:bigint,_extra_keys:map<string,bigint>>>"),
            "{\"attrs\": {\"u1\": 1, \"u7\": 7}}",
            "struct<_rescued_data:string,attrs:struct<u1:long,_extra_keys:map<string,long>>>",
            List.of()),
        Arguments.of(
            "an overflow map widens like any map",
            TablePolicy.builder().limits(Limits.defaults().withMapThreshold(3)).build(),
            withRescued("struct<attrs:struct<u1:bigint,_extra_keys:map<string,float>>>"),
            "{\"attrs\": {\"u7\": 7.5}}",
            "struct<_rescued_data:string,attrs:struct<u1:long,_extra_keys:map<string,double>>>",
            List.of("WIDEN /attrs/_extra_keys/{}: float -> double (on-conflict=widen)")),
        Arguments.of(
            "an existing struct in a list element overflows inside the element",
            TablePolicy.builder().limits(Limits.defaults().withMapThreshold(1)).build(),
            withRescued("struct<items:array<struct<sku:string>>>"),
            "{\"items\": [{\"sku\": \"a\", \"color\": \"red\"}]}",
            "struct<_rescued_data:string,"
                + "items:array<struct<sku:string,_extra_keys:map<string,string>>>>",
            List.of(
                "OVERFLOW_TO_MAP /items/[]/_extra_keys: map<string,string>"
                    + " (map-threshold=1)")),
        Arguments.of(
            "a demoted map takes new keys without changes",
            TablePolicy.builder().limits(Limits.defaults().withMapThreshold(3)).build(),
            withRescued("struct<attrs:map<string,bigint>>"),
            "{\"attrs\": {\"u9\": 9}}",
            "struct<_rescued_data:string,attrs:map<string,long>>",
            List.of()),
        Arguments.of(
            "a new struct born over the threshold is a map from the start",
            TablePolicy.builder().limits(Limits.defaults().withMapThreshold(2)).build(),
            withRescued("struct<id:bigint>"),
            "{\"scores\": {\"u1\": 1, \"u2\": 2, \"u3\": 3}}",
            "struct<_rescued_data:string,id:long,scores:map<string,long>>",
            List.of("ADD_COLUMN /scores: map<string,long> (new-fields=evolve)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evolvesAsThePolicyDecides(
      String name,
      TablePolicy policy,
      StructType table,
      String record,
      String expectedTable,
      List<String> expectedChanges) {
    Evolution evolution = SchemaEvolver.of(policy).evolve(table, json(record, policy).schema());

    assertThat(evolution.after()).hasToString(expectedTable);
    assertThat(evolution.changes()).extracting(SchemaChange::toString).isEqualTo(expectedChanges);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            newFields(NewFieldAction.FAIL),
            withRescued("struct<id:bigint>"),
            "{\"id\": 1, \"note\": \"n\"}",
            "Cannot add column: new fields are refused by policy new-fields=fail: /note"),
        Arguments.of(
            TablePolicy.builder().newFields("/payload", NewFieldAction.FAIL).build(),
            withRescued("struct<payload:struct<a:bigint>>"),
            "{\"payload\": {\"a\": 1, \"b\": {\"c\": 2}}}",
            "Cannot add column: new fields are refused by policy new-fields=fail: /payload/b"),
        Arguments.of(
            onConflict("/order/qty", "cast:int"),
            withRescued("struct<order:struct<qty:bigint>>"),
            "{\"order\": {\"qty\": \"7\"}}",
            "Cannot widen column: long cannot become int as on-conflict=cast:int asks: /order/qty"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void refusesWhatThePolicyForbidsWithAMessageThatSaysWhere(
      TablePolicy policy, StructType table, String record, String message) {
    SchemaEvolver evolver = SchemaEvolver.of(policy);
    StructType schema = json(record, policy).schema();

    assertThatThrownBy(() -> evolver.evolve(table, schema))
        .isInstanceOf(SchemaEvolutionException.class)
        .hasMessage(message);
  }

  @Test
  void addsTheRescuedDataColumnToATableWithoutIt() {
    Evolution evolution =
        SchemaEvolver.of(policy()).evolve(StructType.empty(), json("{\"id\": 1}").schema());

    assertThat(evolution.after()).hasToString("struct<id:long,_rescued_data:string>");
    assertThat(evolution.changes())
        .extracting(SchemaChange::toString)
        .containsExactly(
            "ADD_COLUMN /id: long (new-fields=evolve)",
            "ADD_COLUMN /_rescued_data: string (rescued-column=_rescued_data)");
  }

  @Test
  void refusesARescuedDataColumnOfAnotherType() {
    StructType table = StructType.of(Field.optional("_rescued_data", PrimitiveType.LONG));

    assertThatThrownBy(() -> SchemaEvolver.of(policy()).evolve(table, StructType.empty()))
        .hasMessage(
            "Cannot use rescued-data column: it must be an optional string, not"
                + " _rescued_data:long: /_rescued_data");
  }

  @Test
  void joinsABatchFirstSoTheOrderOfRecordsDoesNotMatter() {
    SchemaEvolver evolver = SchemaEvolver.of(policy());
    StructType table = withRescued("struct<id:bigint>");
    StructType a = json("{\"b\": 1, \"qty\": 1}").schema();
    StructType b = json("{\"a\": \"x\", \"qty\": null}").schema();

    Evolution ab = evolver.evolve(table, List.of(a, b));
    Evolution ba = evolver.evolve(table, List.of(b, a));

    assertThat(ab.after()).isEqualTo(ba.after());
    assertThat(ab.after())
        .hasToString("struct<_rescued_data:string,id:long,a:string,b:long,qty:long>");
  }
}
