package io.driftway.schemaevolution;

import static io.driftway.schemaevolution.Records.json;
import static io.driftway.schemaevolution.Records.withRescued;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.schemaevolution.conform.Conformed;
import io.driftway.schemaevolution.conform.Conformer;
import io.driftway.schemaevolution.merge.Evolution;
import io.driftway.schemaevolution.merge.SchemaEvolver;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.row.GenericMap;
import io.driftway.schemaevolution.row.GenericRow;
import io.driftway.schemaevolution.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The explosion guard on a struct column the table already has: the struct keeps its columns, its
 * new keys go to the overflow map inside it, and every value is written where the schema says.
 */
class ExplosionGuardTest {

  private static final TablePolicy POLICY =
      TablePolicy.builder().limits(Limits.defaults().withMapThreshold(3)).build();
  private static final SchemaEvolver EVOLVER = SchemaEvolver.of(POLICY);
  private static final Conformer CONFORMER = Conformer.of(POLICY);

  private static final StructType COMMITTED =
      withRescued("struct<attrs:struct<a:bigint,b:bigint>>");

  /** Evolves for the record, as the tracker does, then conforms it to the evolved schema. */
  private static Conformed track(StructType table, String record) {
    DynamicRecord dynamic = json(record, POLICY);
    StructType evolved = EVOLVER.evolve(table, dynamic.schema()).after();
    return CONFORMER.conform(dynamic, evolved);
  }

  @Test
  void keepsTheStructsColumnsAndPutsNewKeysInTheOverflowMap() {
    DynamicRecord record = json("{\"attrs\": {\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4}}", POLICY);

    Evolution evolution = EVOLVER.evolve(COMMITTED, record.schema());
    Conformed conformed = CONFORMER.conform(record, evolution.after());

    assertThat(evolution.after())
        .hasToString(
            "struct<_rescued_data:string,"
                + "attrs:struct<a:long,b:long,_extra_keys:map<string,long>>>");
    assertThat(evolution.changes())
        .extracting(Object::toString)
        .containsExactly("OVERFLOW_TO_MAP /attrs/_extra_keys: map<string,long> (map-threshold=3)");
    assertThat(conformed.row())
        .isEqualTo(
            GenericRow.of(
                null,
                GenericRow.of(
                    1L, 2L, GenericMap.wrap(new Object[] {"c", "d"}, new Object[] {3L, 4L}))));
  }

  @Test
  void writesLaterRecordsTheSameWayWithoutAnotherChange() {
    StructType overflowed =
        EVOLVER
            .evolve(COMMITTED, json("{\"attrs\": {\"c\": 3, \"d\": 4}}", POLICY).schema())
            .after();
    DynamicRecord later = json("{\"attrs\": {\"a\": 5, \"e\": 6}}", POLICY);

    Evolution evolution = EVOLVER.evolve(overflowed, later.schema());

    assertThat(evolution.schemaChanged()).isFalse();
    assertThat(evolution.changes()).isEmpty();
    assertThat(CONFORMER.conform(later, overflowed).row())
        .isEqualTo(
            GenericRow.of(
                null,
                GenericRow.of(5L, null, GenericMap.wrap(new Object[] {"e"}, new Object[] {6L}))));
  }

  @Test
  void rescuesAnOverflowValueThatDoesNotFitTheMap() {
    StructType overflowed =
        EVOLVER
            .evolve(COMMITTED, json("{\"attrs\": {\"c\": 3, \"d\": 4}}", POLICY).schema())
            .after();

    Conformed conformed = track(overflowed, "{\"attrs\": {\"a\": 1, \"e\": \"six\"}}");

    assertThat(conformed.rescuedData()).isEqualTo("{\"/attrs/_extra_keys/e\":\"six\"}");
    assertThat(conformed.row())
        .isEqualTo(
            GenericRow.of("{\"/attrs/_extra_keys/e\":\"six\"}", GenericRow.of(1L, null, null)));
  }

  @Test
  void twoSubtasksWithDifferentNewKeysProposeTheSameSchema() {
    StructType first =
        EVOLVER
            .evolve(COMMITTED, json("{\"attrs\": {\"c\": 3, \"d\": 4}}", POLICY).schema())
            .after();
    StructType second =
        EVOLVER
            .evolve(COMMITTED, json("{\"attrs\": {\"x\": 7, \"y\": 8}}", POLICY).schema())
            .after();

    assertThat(second).isEqualTo(first);
    // Joining one proposal into the other (the tracker's refresh) moves nothing: idempotent.
    assertThat(EVOLVER.evolve(first, List.of(second)).schemaChanged()).isFalse();
  }

  @Test
  void aBatchGivesTheSameSchemaInAnyOrder() {
    StructType one = json("{\"attrs\": {\"c\": 3}}", POLICY).schema();
    StructType two = json("{\"attrs\": {\"d\": 4, \"e\": 5}}", POLICY).schema();

    Evolution forward = EVOLVER.evolve(COMMITTED, List.of(one, two));
    Evolution backward = EVOLVER.evolve(COMMITTED, List.of(two, one));

    assertThat(backward.after()).isEqualTo(forward.after());
    assertThat(backward.changes()).isEqualTo(forward.changes());
    assertThat(forward.after())
        .hasToString(
            "struct<_rescued_data:string,"
                + "attrs:struct<a:long,b:long,_extra_keys:map<string,long>>>");
  }

  @Test
  void aBatchWhoseJoinIsAlreadyAMapOverflowsTheStruct() {
    StructType one = json("{\"attrs\": {\"c\": 3, \"d\": 4}}", POLICY).schema();
    StructType two = json("{\"attrs\": {\"e\": 5, \"f\": 6}}", POLICY).schema();

    Evolution evolution = EVOLVER.evolve(COMMITTED, List.of(one, two));

    assertThat(evolution.after())
        .hasToString(
            "struct<_rescued_data:string,"
                + "attrs:struct<a:long,b:long,_extra_keys:map<string,long>>>");
    assertThat(evolution.changes())
        .extracting(Object::toString)
        .containsExactly("OVERFLOW_TO_MAP /attrs/_extra_keys: map<string,long> (map-threshold=3)");
  }

  @Test
  void aStructNotYetInTheTableIsBornAMap() {
    Evolution evolution =
        EVOLVER.evolve(
            withRescued("struct<id:bigint>"),
            json("{\"attrs\": {\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4}}", POLICY).schema());

    assertThat(evolution.after())
        .hasToString("struct<_rescued_data:string,id:long,attrs:map<string,long>>");
    assertThat(evolution.changes())
        .extracting(Object::toString)
        .containsExactly("ADD_COLUMN /attrs: map<string,long> (new-fields=evolve)");
  }
}
