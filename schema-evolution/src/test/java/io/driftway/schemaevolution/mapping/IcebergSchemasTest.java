package io.driftway.schemaevolution.mapping;

import static io.driftway.schemaevolution.Records.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.RandomSchemas;
import io.driftway.schemaevolution.merge.SchemaEvolver;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.types.ChoiceType;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeParser;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.iceberg.Schema;
import org.junit.jupiter.api.Test;

class IcebergSchemasTest {

  @Provide
  Arbitrary<StructType> tables() {
    // Tables hold no choices and no null-typed columns: the evolver resolves and prunes them.
    return RandomSchemas.structs().map(IcebergSchemasTest::storable);
  }

  static StructType storable(StructType struct) {
    List<Field> fields = new ArrayList<>();
    for (Field field : struct.fields()) {
      DataType type = storable(field.type());
      if (type != null) {
        fields.add(field.withType(type));
      }
    }
    return StructType.of(fields);
  }

  private static DataType storable(DataType type) {
    return switch (type.kind()) {
      case NULL -> null;
      case CHOICE -> storable(((ChoiceType) type).alternatives().get(0));
      case STRUCT -> storable((StructType) type);
      case LIST -> {
        ListType list = (ListType) type;
        DataType element = storable(list.element());
        yield element == null ? null : new ListType(element, list.elementOptional());
      }
      case MAP -> {
        MapType map = (MapType) type;
        DataType value = storable(map.value());
        yield value == null ? null : new MapType(map.key(), value, map.valueOptional());
      }
      default -> type;
    };
  }

  @Property(tries = 300)
  void roundTripsThroughIceberg(@ForAll("tables") StructType table) {
    IcebergSchemas.Mapped mapped = IcebergSchemas.create(table);

    assertThat(IcebergSchemas.fromIceberg(mapped.schema())).isEqualTo(table);
    assertThat(mapped.lastColumnId()).isEqualTo(mapped.schema().highestFieldId());
  }

  @Property(tries = 300)
  void keepsEveryIdOfAColumnThatStays(
      @ForAll("tables") StructType first, @ForAll("tables") StructType drift) {
    SchemaEvolver evolver = SchemaEvolver.of(TablePolicy.defaults());
    StructType table = evolver.evolve(StructType.empty(), first).after();
    IcebergSchemas.Mapped before = IcebergSchemas.create(table);
    StructType evolved = evolver.evolve(table, drift).after();

    IcebergSchemas.Mapped after =
        IcebergSchemas.evolve(before.schema(), before.lastColumnId(), evolved);

    for (String name : before.schema().idToName().values()) {
      assertThat(after.schema().caseInsensitiveFindField(name).fieldId())
          .as("id of %s", name)
          .isEqualTo(before.schema().caseInsensitiveFindField(name).fieldId());
    }
    assertThat(after.lastColumnId()).isGreaterThanOrEqualTo(before.lastColumnId());
  }

  @Test
  void keepsAStructColumnsIdsWhenTheExplosionGuardAddsItsOverflowMap() {
    TablePolicy policy =
        TablePolicy.builder().limits(Limits.defaults().withMapThreshold(2)).build();
    SchemaEvolver evolver = SchemaEvolver.of(policy);
    StructType table =
        evolver
            .evolve(StructType.empty(), json("{\"attrs\": {\"a\": 1, \"b\": 2}}").schema())
            .after();
    IcebergSchemas.Mapped v1 = IcebergSchemas.create(table);
    assertThat(v1.schema().asStruct())
        .hasToString(
            "struct<1: attrs: optional struct<3: a: optional long, 4: b: optional long>,"
                + " 2: _rescued_data: optional string>");

    StructType overflowed =
        evolver.evolve(table, json("{\"attrs\": {\"c\": 3}, \"n\": 1}").schema()).after();
    IcebergSchemas.Mapped v2 = IcebergSchemas.evolve(v1.schema(), v1.lastColumnId(), overflowed);

    // Only additions: what Iceberg's UpdateSchema (and the dynamic sink) can apply to the table.
    assertThat(v2.schema().asStruct())
        .hasToString(
            "struct<1: attrs: optional struct<3: a: optional long, 4: b: optional long,"
                + " 6: _extra_keys: optional map<string, long>>,"
                + " 2: _rescued_data: optional string, 5: n: optional long>");
    assertThat(v2.lastColumnId()).isEqualTo(8);
  }

  @Test
  void refusesToTurnAStructColumnIntoAMap() {
    Schema v1 =
        IcebergSchemas.create((StructType) TypeParser.parse("struct<attrs:struct<a:bigint>>"))
            .schema();

    assertThatThrownBy(
            () ->
                IcebergSchemas.evolve(
                    v1, 2, (StructType) TypeParser.parse("struct<attrs:map<string,bigint>>")))
        .hasMessage(
            "Cannot map to Iceberg: column struct<2: a: optional long> cannot become"
                + " map<string,long>: /attrs");
  }

  @Test
  void keepsAWidenedColumnsId() {
    Schema v1 = IcebergSchemas.create((StructType) TypeParser.parse("struct<qty:int>")).schema();

    Schema v2 =
        IcebergSchemas.evolve(v1, 1, (StructType) TypeParser.parse("struct<qty:bigint>")).schema();

    assertThat(v2.asStruct()).hasToString("struct<1: qty: optional long>");
  }

  @Test
  void refusesWhatIcebergCannotDo() {
    Schema v1 = IcebergSchemas.create((StructType) TypeParser.parse("struct<qty:bigint>")).schema();

    assertThatThrownBy(
            () -> IcebergSchemas.evolve(v1, 1, (StructType) TypeParser.parse("struct<qty:int>")))
        .hasMessage("Cannot map to Iceberg: column long cannot become int: /qty");
    assertThatThrownBy(
            () ->
                IcebergSchemas.create(
                    StructType.of(
                        Field.optional(
                            "p", ChoiceType.of(PrimitiveType.LONG, PrimitiveType.STRING)))))
        .hasMessage(
            "Cannot map to Iceberg: a choice must be resolved by a policy first:"
                + " choice<long,string> at /p");
  }
}
