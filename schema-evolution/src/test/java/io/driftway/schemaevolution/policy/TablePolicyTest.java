package io.driftway.schemaevolution.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.PrimitiveType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TablePolicyTest {

  @Test
  void pinsTheDefaults() {
    TablePolicy policy = TablePolicy.defaults();

    assertThat(policy.newFields()).isEqualTo(NewFieldAction.EVOLVE);
    assertThat(policy.onConflict()).isEqualTo(ConflictAction.widen());
    assertThat(policy.rescuedColumn()).isEqualTo("_rescued_data");
    assertThat(policy.hints().isEmpty()).isTrue();
    assertThat(policy.limits()).isEqualTo(new Limits(4L << 20, 32, 10_000, 500));
  }

  static Stream<Arguments> actions() {
    return Stream.of(
        Arguments.of("widen", ConflictAction.widen()),
        Arguments.of("cast:long", ConflictAction.cast(PrimitiveType.LONG)),
        Arguments.of(" CAST: decimal(12,2) ", ConflictAction.cast(DecimalType.of(12, 2))),
        Arguments.of("project:string", ConflictAction.project(PrimitiveType.STRING)),
        Arguments.of("match_catalog", ConflictAction.matchCatalog()),
        Arguments.of("make_cols", ConflictAction.makeCols()),
        Arguments.of("make_struct", ConflictAction.makeStruct()),
        Arguments.of("quarantine", ConflictAction.quarantine()));
  }

  @ParameterizedTest
  @MethodSource("actions")
  void parsesEveryConflictAction(String text, ConflictAction action) {
    assertThat(ConflictAction.parse(text)).isEqualTo(action);
    assertThat(ConflictAction.parse(action.toString())).isEqualTo(action);
  }

  static Stream<Arguments> badActions() {
    return Stream.of(
        Arguments.of("cast", "Cannot parse conflict action: cast needs a type, as cast:long: cast"),
        Arguments.of("widen:long", "Cannot parse conflict action: widen takes no type: widen:long"),
        Arguments.of(
            "cast:array<long>",
            "Cannot create conflict action: cast needs a primitive type other than null:"
                + " array<long>"),
        Arguments.of(
            "drop",
            "Cannot parse conflict action: expected widen, cast:<type>, project:<type>,"
                + " match_catalog, make_cols, make_struct or quarantine: drop"));
  }

  @ParameterizedTest
  @MethodSource("badActions")
  void explainsABadConflictAction(String text, String message) {
    assertThatThrownBy(() -> ConflictAction.parse(text)).hasMessage(message);
  }

  @Test
  void refusesSplitActionsAsTableDefaultsOrOnElements() {
    assertThatThrownBy(() -> TablePolicy.builder().onConflict(ConflictAction.makeCols()).build())
        .hasMessage(
            "Cannot build table policy: make_cols splits a field by type and must name a field"
                + " path, not be the table default: on-conflict=make_cols");
    assertThatThrownBy(
            () -> TablePolicy.builder().onConflict("/tags/[]", ConflictAction.makeStruct()).build())
        .hasMessage(
            "Cannot build table policy: make_struct needs a named field, not a list element, map"
                + " value or the record: /tags/[]");
    assertThatThrownBy(
            () ->
                TablePolicy.builder()
                    .hints(SchemaHints.parse("price: double"))
                    .onConflict("price", ConflictAction.makeCols())
                    .build())
        .hasMessage(
            "Cannot build table policy: make_cols and a schema hint both decide the type of one"
                + " field: /price");
  }

  @Test
  void resolvesOverridesByLongestPrefixAndKeepsTypedActionsToTheirPath() {
    TablePolicy policy =
        TablePolicy.builder()
            .newFields("/payload", NewFieldAction.RESCUE)
            .newFields("payload.debug", NewFieldAction.IGNORE)
            .onConflict("/payload", ConflictAction.quarantine())
            .onConflict("/payload/price", ConflictAction.parse("cast:double"))
            .build();

    assertThat(policy.newFieldAction(FieldPath.parse("/payload/x")))
        .isEqualTo(NewFieldAction.RESCUE);
    assertThat(policy.newFieldAction(FieldPath.parse("/PAYLOAD/Debug/y")))
        .isEqualTo(NewFieldAction.IGNORE);
    assertThat(policy.newFieldAction(FieldPath.parse("/other"))).isEqualTo(NewFieldAction.EVOLVE);
    assertThat(policy.conflictAction(FieldPath.parse("/payload/price")))
        .isEqualTo(ConflictAction.cast(PrimitiveType.DOUBLE));
    assertThat(policy.conflictAction(FieldPath.parse("/payload/price/[]")))
        .as("list segments are transparent: the cast reaches a list's elements")
        .isEqualTo(ConflictAction.cast(PrimitiveType.DOUBLE));
    assertThat(policy.conflictAction(FieldPath.parse("/payload/price/cents")))
        .as("cast names one field; below it the enclosing quarantine applies")
        .isEqualTo(ConflictAction.quarantine());
    assertThat(policy.conflictAction(FieldPath.parse("/payload/items/[]/qty")))
        .isEqualTo(ConflictAction.quarantine());
  }

  @Test
  void parsesSchemaHintsWithNestedTypes() {
    SchemaHints hints =
        SchemaHints.parse(
            "event_time: timestamptz, amount: decimal(12,2)\nm: map<string,array<int>>");

    assertThat(hints.hint(FieldPath.parse("/amount"))).isEqualTo(DecimalType.of(12, 2));
    assertThat(hints.asMap()).hasSize(3);
    assertThatThrownBy(() -> SchemaHints.parse("a: long, a: int"))
        .hasMessage("Cannot parse schema hints: path hinted twice: /a");
  }

  @Test
  void explainsBadLimits() {
    assertThatThrownBy(() -> Limits.defaults().withMaxNestingDepth(0))
        .hasMessage("Cannot set limits: max-nesting-depth must be positive: 0");
  }
}
