package io.driftway.schemaevolution.merge;

import static io.driftway.schemaevolution.Records.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.policy.NewFieldAction;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import org.junit.jupiter.api.Test;

/** {@code new-fields: hold}: a record that would add a held column waits, naming every one. */
class NewFieldsHoldTest {

  private static final StructType ORDERS =
      StructType.of(
          Field.optional("id", PrimitiveType.LONG),
          Field.optional("_rescued_data", PrimitiveType.STRING));

  @Test
  void aRecordWithHeldFieldsIsRefusedNamingEachWithTheColumnTypeAnApprovalAdds() {
    TablePolicy policy = TablePolicy.builder().newFields(NewFieldAction.HOLD).build();

    assertThatThrownBy(
            () ->
                SchemaEvolver.of(policy)
                    .evolve(ORDERS, json("{\"id\": 1, \"coupon\": \"A\", \"qty\": 2}").schema()))
        .isInstanceOfSatisfying(
            NewFieldHeldException.class,
            e -> {
              assertThat(e.held())
                  .extracting(Object::toString)
                  .containsExactly("/coupon (string)", "/qty (long)");
              assertThat(e.policy()).isEqualTo("new-fields=hold");
            })
        .hasMessage(
            "Cannot add column: new fields wait for approval under policy new-fields=hold:"
                + " /coupon (string), /qty (long)");
  }

  @Test
  void recordsThatFitAndFieldsOutsideAHeldPathEvolveAsUsual() {
    TablePolicy policy = TablePolicy.builder().newFields("/coupon", NewFieldAction.HOLD).build();
    SchemaEvolver evolver = SchemaEvolver.of(policy);

    assertThat(evolver.evolve(ORDERS, json("{\"id\": 1}").schema()).schemaChanged()).isFalse();
    Evolution other = evolver.evolve(ORDERS, json("{\"id\": 1, \"note\": \"n\"}").schema());
    assertThat(other.after().field("note")).isNotNull();
    assertThatThrownBy(() -> evolver.evolve(ORDERS, json("{\"coupon\": \"A\"}").schema()))
        .isInstanceOf(NewFieldHeldException.class);
  }

  @Test
  void aTableNotCreatedYetIsMadeFromItsFirstRecordUnderHold() {
    TablePolicy policy = TablePolicy.builder().newFields(NewFieldAction.HOLD).build();

    Evolution created =
        SchemaEvolver.of(policy).evolve(StructType.empty(), json("{\"id\": 1}").schema());

    assertThat(created.after().field("id")).isNotNull();
  }

  @Test
  void holdIsAConfigurationName() {
    assertThat(NewFieldAction.parse("hold")).isEqualTo(NewFieldAction.HOLD);
    assertThat(NewFieldAction.configNames())
        .containsExactly("evolve", "rescue", "fail", "ignore", "hold");
  }
}
