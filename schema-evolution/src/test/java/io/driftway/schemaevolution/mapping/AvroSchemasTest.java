package io.driftway.schemaevolution.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.RandomSchemas;
import io.driftway.schemaevolution.merge.SchemaJoin;
import io.driftway.schemaevolution.types.ChoiceType;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeKind;
import io.driftway.schemaevolution.types.TypeParser;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {

  @Provide
  Arbitrary<StructType> schemas() {
    return RandomSchemas.structs().map(AvroSchemasTest::avroable);
  }

  /** Avro maps have string keys, and a null-only field is a plain "null" schema. */
  static StructType avroable(StructType struct) {
    List<Field> fields = new ArrayList<>();
    for (Field field : struct.fields()) {
      DataType type = avroable(field.type());
      fields.add(
          type.kind() == TypeKind.NULL ? field.withType(type).asOptional() : field.withType(type));
    }
    return StructType.of(fields);
  }

  private static DataType avroable(DataType type) {
    return switch (type.kind()) {
      case STRUCT -> avroable((StructType) type);
      case LIST -> {
        ListType list = (ListType) type;
        DataType element = avroable(list.element());
        yield new ListType(element, list.elementOptional() || element.kind() == TypeKind.NULL);
      }
      case MAP -> {
        MapType map = (MapType) type;
        DataType value = avroable(map.value());
        yield new MapType(
            PrimitiveType.STRING, value, map.valueOptional() || value.kind() == TypeKind.NULL);
      }
      case CHOICE -> {
        DataType joined = PrimitiveType.NULL;
        for (DataType alternative : ((ChoiceType) type).alternatives()) {
          joined = SchemaJoin.standard().join(joined, avroable(alternative));
        }
        yield joined;
      }
      default -> type;
    };
  }

  @Property(tries = 300)
  void roundTripsThroughAvro(@ForAll("schemas") StructType schema) {
    Schema avro = AvroSchemas.toAvro(schema, "record");

    assertThat(AvroSchemas.fromAvro(new Schema.Parser().parse(avro.toString()))).isEqualTo(schema);
  }

  /** The draw of seed 8112187979739403399 that once failed with "Duplicate in union". */
  @Test
  void givesEachWrappedDecimalOfAChoiceItsOwnName() {
    StructType schema =
        StructType.of(
            Field.optional("x", PrimitiveType.DATE),
            new Field("a", StructType.of(), false),
            Field.optional(
                "userId",
                ChoiceType.of(PrimitiveType.BINARY, DecimalType.of(10, 0), DecimalType.of(5, 2))));
    assertThat(schema)
        .hasToString(
            "struct<x:date,a:struct<> not null,userId:choice<binary,decimal(10,0),decimal(5,2)>>");

    Schema avro = AvroSchemas.toAvro(schema, "record");

    assertThat(avro.getField("userId").schema().getTypes())
        .extracting(branch -> branch.getType() + ":" + branch.getName())
        .containsExactly(
            "NULL:null",
            "BYTES:bytes",
            "RECORD:record_userId_decimal_choice",
            "RECORD:record_userId_decimal_choice_2");
    assertThat(AvroSchemas.fromAvro(new Schema.Parser().parse(avro.toString()))).isEqualTo(schema);
  }

  @Test
  void namesTheSameSchemaTheSameWayEveryTime() {
    StructType schema =
        (StructType) TypeParser.parse("struct<u:choice<binary,decimal(10,0),decimal(5,2)>>");

    assertThat(AvroSchemas.toAvro(schema, "t").toString())
        .isEqualTo(AvroSchemas.toAvro(schema, "t").toString());
  }

  @Test
  void readsAUnionOfTwoFixedDecimalsAndWritesItBackWithUniqueNames() {
    Schema fixedUnion =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"t\",\"fields\":[{\"name\":\"u\",\"type\":["
                    + "{\"type\":\"fixed\",\"name\":\"d10\",\"size\":5,\"logicalType\":\"decimal\","
                    + "\"precision\":10,\"scale\":0},"
                    + "{\"type\":\"fixed\",\"name\":\"d5\",\"size\":3,\"logicalType\":\"decimal\","
                    + "\"precision\":5,\"scale\":2}]}]}");

    StructType schema = AvroSchemas.fromAvro(fixedUnion);
    Schema avro = AvroSchemas.toAvro(schema, "t");

    assertThat(schema)
        .isEqualTo(
            StructType.of(
                new Field("u", ChoiceType.of(DecimalType.of(10, 0), DecimalType.of(5, 2)), false)));
    assertThat(avro.getField("u").schema().getTypes())
        .extracting(Schema::getName)
        .containsExactly("bytes", "t_u_decimal_choice");
    assertThat(AvroSchemas.fromAvro(new Schema.Parser().parse(avro.toString()))).isEqualTo(schema);
  }

  @Test
  void givesTwoRecordsThatWouldShareAPathNameTheirOwnNames() {
    StructType schema =
        (StructType)
            TypeParser.parse(
                "struct<a:choice<int,struct<x:int>>,a_struct:struct<y:string>,"
                    + "b:struct<c:int>,b_c:struct<d:int>>");

    Schema avro = AvroSchemas.toAvro(schema, "t");

    assertThat(avro.getField("a").schema().getTypes())
        .extracting(Schema::getName)
        .containsExactly("null", "int", "t_a_struct");
    assertThat(avro.getField("a_struct").schema().getTypes().get(1).getName())
        .isEqualTo("t_a_struct_2");
    assertThat(AvroSchemas.fromAvro(new Schema.Parser().parse(avro.toString()))).isEqualTo(schema);
  }

  @Test
  void writesOptionalAsAUnionWithNullAndKeepsIllegalNames() {
    StructType schema =
        (StructType) TypeParser.parse("struct<`user-id`:bigint,at:timestamptz,tags:array<string>>");

    Schema avro = AvroSchemas.toAvro(schema, "orders");

    assertThat(avro.getField("user_x2Did").schema().toString()).isEqualTo("[\"null\",\"long\"]");
    assertThat(avro.getField("at").schema().getTypes().get(1).getLogicalType().getName())
        .isEqualTo("timestamp-micros");
    assertThat(AvroSchemas.fromAvro(avro).field(0).name()).isEqualTo("user-id");
  }

  @Test
  void refusesMapsWithoutStringKeys() {
    StructType schema = (StructType) TypeParser.parse("struct<m:map<int,string>>");

    assertThatThrownBy(() -> AvroSchemas.toAvro(schema, "t"))
        .hasMessage("Cannot map to Avro: map keys must be strings, not int: /m");
  }
}
