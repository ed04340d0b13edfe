package io.driftway.catalogbridge.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HiveTypesTest {

  static Stream<Arguments> types() {
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
            "struct<id:bigint,items:array<struct<sku:string,attrs:map<string,string>>>>"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("types")
  void writesHiveTypeStrings(Type type, String hive) {
    assertThat(HiveTypes.of(type)).isEqualTo(hive);
  }
}
