package io.driftway.schemaevolution.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeParser;
import java.util.stream.Stream;
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
