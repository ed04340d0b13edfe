package io.driftway.schemaevolution.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeParser;
import java.util.stream.Stream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HiveTypesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bigint",
        "int",
        "boolean",
        "float",
        "double",
        "decimal(12,2)",
        "string",
        "binary",
        "date",
        "timestamp",
        "array<string>",
        "map<string,bigint>",
        "struct<a:int,b:array<string>>",
        "struct<`user id`:string,m:map<int,array<struct<x:decimal(38,10)>>>>",
        "uniontype<bigint,string>"
      })
  void roundTripsHiveTypeStrings(String hive) {
    DataType type = HiveTypes.parse(hive);

    assertThat(HiveTypes.toHive(type)).isEqualTo(hive);
  }

  static Stream<Arguments> lossy() {
    return Stream.of(
        Arguments.of("timestamptz", "timestamp"),
        Arguments.of("time", "string"),
        Arguments.of("uuid", "string"),
        Arguments.of("varchar(10)", "string"),
        Arguments.of("smallint", "int"),
        Arguments.of("long", "bigint"));
  }

  @ParameterizedTest
  @MethodSource("lossy")
  void writesWhatHiveHasForTypesItLacks(String ours, String hive) {
    assertThat(HiveTypes.toHive(TypeParser.parse(ours))).isEqualTo(hive);
  }

  @Test
  void listsCatalogColumns() {
    StructType table = (StructType) TypeParser.parse("struct<id:bigint,tags:array<string>>");

    assertThat(HiveTypes.columns(table))
        .containsExactly(
            new HiveTypes.Column("id", "bigint"), new HiveTypes.Column("tags", "array<string>"));
  }

  static Stream<Arguments> icebergTypes() {
    return Stream.of(
        Arguments.of(Types.BooleanType.get(), "boolean"),
        Arguments.of(Types.IntegerType.get(), "int"),
        Arguments.of(Types.LongType.get(), "bigint"),
        Arguments.of(Types.FloatType.get(), "float"),
        Arguments.of(Types.DoubleType.get(), "double"),
        Arguments.of(Types.DateType.get(), "date"),
        Arguments.of(Types.TimeType.get(), "string"),
        Arguments.of(Types.TimestampType.withZone(), "timestamp"),
        Arguments.of(Types.TimestampType.withoutZone(), "timestamp"),
        Arguments.of(Types.TimestampNanoType.withZone(), "timestamp"),
        Arguments.of(Types.StringType.get(), "string"),
        Arguments.of(Types.UUIDType.get(), "string"),
        Arguments.of(Types.VariantType.get(), "string"),
        Arguments.of(Types.UnknownType.get(), "string"),
        Arguments.of(Types.FixedType.ofLength(16), "binary"),
        Arguments.of(Types.BinaryType.get(), "binary"),
        Arguments.of(Types.DecimalType.of(38, 9), "decimal(38,9)"),
        Arguments.of(Types.ListType.ofOptional(1, Types.LongType.get()), "array<bigint>"),
        Arguments.of(
            Types.MapType.ofOptional(1, 2, Types.StringType.get(), Types.DoubleType.get()),
            "map<string,double>"),
        Arguments.of(
            Types.StructType.of(
                Types.NestedField.required(1, "id", Types.LongType.get()),
                Types.NestedField.optional(
                    2,
                    "items",
                    Types.ListType.ofOptional(
                        3,
                        Types.StructType.of(
                            Types.NestedField.optional(4, "sku", Types.StringType.get()),
                            Types.NestedField.optional(
                                5,
                                "attrs",
                                Types.MapType.ofOptional(
                                    6, 7, Types.StringType.get(), Types.StringType.get())))))),
            "struct<id:bigint,items:array<struct<sku:string,attrs:map<string,string>>>>"),
        Arguments.of(
            Types.StructType.of(
                Types.NestedField.optional(1, "user id", Types.StringType.get()),
                Types.NestedField.optional(2, "a`b", Types.IntegerType.get()),
                Types.NestedField.optional(3, "plain_1", Types.IntegerType.get())),
            "struct<`user id`:string,`a``b`:int,plain_1:int>"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("icebergTypes")
  void writesHiveTypeStringsOfIcebergTypes(Type type, String hive) {
    assertThat(HiveTypes.toHive(type)).isEqualTo(hive);
  }

  @Test
  void writesTheSameColumnsForAnIcebergSchemaAsForItsSchemaLayerStruct() {
    StructType table =
        (StructType)
            TypeParser.parse(
                "struct<id:bigint,`device-info`:struct<`os version`:string,ok:boolean>>");
    Schema iceberg = IcebergSchemas.create(table).schema();

    assertThat(HiveTypes.columns(iceberg))
        .containsExactlyElementsOf(HiveTypes.columns(table))
        .containsExactly(
            new HiveTypes.Column("id", "bigint"),
            new HiveTypes.Column("device-info", "struct<`os version`:string,ok:boolean>"));
  }

  @Test
  void rejectsUnknownTypesWithWhereAndWhat() {
    assertThatThrownBy(() -> HiveTypes.parse("struct<a:integr>"))
        .hasMessage("Cannot parse type: unknown type name 'integr': struct<a:integr>");
    assertThatThrownBy(() -> HiveTypes.parse("decimal(40,2)"))
        .hasMessage(
            "Cannot parse type: Cannot create decimal type: precision must be 1 to 38: 40:"
                + " decimal(40,2)");
  }
}
