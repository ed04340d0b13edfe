package io.driftway.schemaevolution.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.schemaevolution.RandomJson;
import io.driftway.schemaevolution.RandomSchemas;
import io.driftway.schemaevolution.Records;
import io.driftway.schemaevolution.types.StructType;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The join is a lattice join on random nested schemas, with and without the explosion guard. */
class SchemaJoinPropertiesTest {

  private static final SchemaJoin PLAIN = SchemaJoin.standard();
  private static final SchemaJoin GUARDED = SchemaJoin.withMapThreshold(3);

  @Provide
  Arbitrary<StructType> schemas() {
    return RandomSchemas.structs();
  }

  @Property(tries = 400)
  void isCommutative(@ForAll("schemas") StructType a, @ForAll("schemas") StructType b) {
    assertThat(PLAIN.join(a, b)).isEqualTo(PLAIN.join(b, a));
    assertThat(GUARDED.join(a, b)).isEqualTo(GUARDED.join(b, a));
  }

  @Property(tries = 400)
  void isAssociative(
      @ForAll("schemas") StructType a,
      @ForAll("schemas") StructType b,
      @ForAll("schemas") StructType c) {
    assertThat(PLAIN.join(PLAIN.join(a, b), c)).isEqualTo(PLAIN.join(a, PLAIN.join(b, c)));
    assertThat(GUARDED.join(GUARDED.join(a, b), c)).isEqualTo(GUARDED.join(a, GUARDED.join(b, c)));
  }

  @Property(tries = 400)
  void isIdempotent(@ForAll("schemas") StructType a) {
    assertThat(PLAIN.join(a, a)).isEqualTo(a);
    StructType closed = GUARDED.join(a, a);
    assertThat(GUARDED.join(closed, closed)).isEqualTo(closed);
  }

  @Provide
  Arbitrary<StructType> inferred() {
    // Schemas as JSON inference makes them: required present fields, null types, list choices.
    return RandomJson.records().map(json -> Records.json(json).schema());
  }

  @Property(tries = 400)
  void isALatticeJoinOnInferredRecordSchemasToo(
      @ForAll("inferred") StructType a,
      @ForAll("inferred") StructType b,
      @ForAll("inferred") StructType c) {
    SchemaJoin tight = SchemaJoin.withMapThreshold(2);
    for (SchemaJoin join : new SchemaJoin[] {PLAIN, tight}) {
      assertThat(join.join(a, b)).isEqualTo(join.join(b, a));
      assertThat(join.join(join.join(a, b), c)).isEqualTo(join.join(a, join.join(b, c)));
      assertThat(join.join(join.join(a, b), join.join(a, b))).isEqualTo(join.join(a, b));
    }
  }

  @Property(tries = 300)
  void isAnUpperBoundOfBothSides(@ForAll("schemas") StructType a, @ForAll("schemas") StructType b) {
    StructType joined = PLAIN.join(a, b);
    // x <= y in the lattice exactly when joining x into y changes nothing.
    assertThat(PLAIN.join(joined, a)).isEqualTo(joined);
    assertThat(PLAIN.join(joined, b)).isEqualTo(joined);
  }
}
