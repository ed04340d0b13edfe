package io.driftway.schemaevolution.merge;

import static io.driftway.schemaevolution.Records.json;
import static io.driftway.schemaevolution.Records.withRescued;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.schemaevolution.policy.ConflictAction;
import io.driftway.schemaevolution.policy.NewFieldAction;
import io.driftway.schemaevolution.policy.SchemaHints;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A field called {@code value}, {@code key} or {@code element} is a field like any other: hints,
 * overrides and every resolve action reach it, at the top level and nested, while {@code []},
 * {@code {key}} and {@code {}} name a list element, map key and map value.
 */
class FieldsNamedLikeCollectionSegmentsTest {

  @ParameterizedTest
  @ValueSource(strings = {"value", "key", "element"})
  void aHintTypesTheField(String name) {
    TablePolicy policy =
        TablePolicy.builder()
            .hints(
                SchemaHints.of(
                    Map.<String, DataType>of(
                        "/" + name, PrimitiveType.STRING, "/z/" + name, PrimitiveType.DOUBLE)))
            .build();

    StructType after =
        evolve(
                policy,
                withRescued("struct<id:bigint>"),
                "{\"%1$s\": 5, \"z\": {\"%1$s\": 6}}",
                name)
            .after();

    assertThat(after)
        .hasToString(
            "struct<_rescued_data:string,id:long,%1$s:string,z:struct<%1$s:double>>"
                .formatted(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"value", "key", "element"})
  void makeColsSplitsTheFieldAtTheTopLevelAndNested(String name) {
    TablePolicy policy =
        TablePolicy.builder()
            .onConflict("/" + name, ConflictAction.makeCols())
            .onConflict("/z/" + name, ConflictAction.makeCols())
            .build();

    Evolution evolution =
        evolve(
            policy,
            withRescued("struct<id:bigint>"),
            "{\"%1$s\": 1, \"z\": {\"%1$s\": \"x\"}}",
            name);

    assertThat(evolution.after())
        .hasToString(
            "struct<_rescued_data:string,id:long,%1$s_long:long,z:struct<%1$s_string:string>>"
                .formatted(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"value", "key", "element"})
  void makeStructAndCastReachTheField(String name) {
    TablePolicy policy =
        TablePolicy.builder()
            .onConflict("/" + name, ConflictAction.makeStruct())
            .onConflict("/z/" + name, ConflictAction.parse("cast:string"))
            .build();

    Evolution evolution =
        evolve(
            policy, withRescued("struct<id:bigint>"), "{\"%1$s\": 1, \"z\": {\"%1$s\": 2}}", name);

    assertThat(evolution.after())
        .hasToString(
            "struct<_rescued_data:string,id:long,%1$s:struct<long:long>,z:struct<%1$s:string>>"
                .formatted(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"value", "key", "element"})
  void projectAndMatchCatalogReachTheField(String name) {
    TablePolicy policy =
        TablePolicy.builder()
            .onConflict("/" + name, ConflictAction.parse("project:long"))
            .onConflict("/z/" + name, ConflictAction.matchCatalog())
            .build();
    StructType table = withRescued("struct<%1$s:bigint,z:struct<%1$s:bigint>>".formatted(name));

    Evolution evolution =
        evolve(policy, table, "{\"%1$s\": \"7\", \"z\": {\"%1$s\": \"8\"}}", name);

    assertThat(evolution.after()).isEqualTo(table);
    assertThat(evolution.changes())
        .extracting(SchemaChange::toString)
        .containsExactly(
            "RESOLVE_CHOICE /%1$s: choice<long,string> -> long (on-conflict=project:long)"
                .formatted(name),
            "RESOLVE_CHOICE /z/%1$s: choice<long,string> -> long (on-conflict=match_catalog)"
                .formatted(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"value", "key", "element"})
  void newFieldOverridesReachTheFieldAndNothingBelowItIsTakenForACollection(String name) {
    TablePolicy policy =
        TablePolicy.builder()
            .newFields("/" + name, NewFieldAction.RESCUE)
            .newFields("/x", NewFieldAction.RESCUE)
            .build();

    Evolution evolution =
        evolve(
            policy,
            withRescued("struct<id:bigint,z:struct<a:bigint>>"),
            "{\"%1$s\": 1, \"z\": {\"a\": 1, \"%1$s\": {\"x\": 2}}}",
            name);

    // /z/<name>/x is no /x: the override on /x stays where it was put.
    assertThat(evolution.after())
        .hasToString(
            "struct<_rescued_data:string,id:long,z:struct<a:long,%1$s:struct<x:long>>>"
                .formatted(name));
    assertThat(evolution.changes())
        .extracting(SchemaChange::toString)
        .containsExactly(
            "RESCUE_FIELD /%1$s: long (new-fields=rescue)".formatted(name),
            "ADD_COLUMN /z/%1$s: struct<x:long> (new-fields=evolve)".formatted(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/tags/[]", "/tags/element"})
  void aListElementIsNamedByBracketsOrByItsOldName(String path) {
    TablePolicy policy =
        TablePolicy.builder()
            .hints(SchemaHints.of(Map.<String, DataType>of(path, PrimitiveType.DOUBLE)))
            .build();

    StructType after =
        evolve(policy, withRescued("struct<id:bigint>"), "{\"tags\": [1]}", "").after();

    assertThat(after).hasToString("struct<_rescued_data:string,id:long,tags:array<double>>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/m/{}", "/m/value"})
  void aMapValueIsNamedByBracesOrByItsOldName(String path) {
    TablePolicy policy =
        TablePolicy.builder()
            .hints(SchemaHints.of(Map.<String, DataType>of(path + "/n", PrimitiveType.STRING)))
            .build();

    assertThat(FieldPath.parse(path).segments()).hasSize(2);
    assertThat(policy.hints().hint(FieldPath.of("m", FieldPath.VALUE, "n")))
        .isEqualTo(PrimitiveType.STRING);
    assertThat(policy.hints().hint(FieldPath.of("m", "value", "n")))
        .as("a struct field called value is not the map value")
        .isEqualTo(path.equals("/m/value") ? PrimitiveType.STRING : null);
    assertThat(List.of(FieldPath.VALUE, FieldPath.KEY, FieldPath.ELEMENT))
        .containsExactly("{}", "{key}", "[]");
  }

  private static Evolution evolve(TablePolicy policy, StructType table, String json, String name) {
    return SchemaEvolver.of(policy).evolve(table, json(json.formatted(name), policy).schema());
  }
}
