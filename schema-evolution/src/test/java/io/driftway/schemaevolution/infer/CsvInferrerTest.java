package io.driftway.schemaevolution.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.policy.SchemaHints;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.TypeParser;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvInferrerTest {

  private static final CsvInferrer CSV =
      Inferrers.csv(CsvOptions.defaults(), InferenceOptions.defaults());

  static Stream<Arguments> cells() {
    return Stream.of(
        Arguments.of("42", "int"),
        Arguments.of("-5000000000", "bigint"),
        Arguments.of("12345678901234567890", "decimal(20,0)"),
        Arguments.of("1.5", "double"),
        Arguments.of("1e3", "double"),
        Arguments.of("1234567890.1234567890", "decimal(20,10)"),
        Arguments.of("007", "string"),
        Arguments.of("TRUE", "boolean"),
        Arguments.of("2026-01-31", "date"),
        Arguments.of("2026-01-31 10:00:00", "timestamp"),
        Arguments.of("2026-01-31T10:00:00+01:00", "timestamptz"),
        Arguments.of("hello", "string"),
        Arguments.of("", "null"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("cells")
  void typesEachCell(String cell, String type) {
    DynamicRecord record =
        CSV.withHeader(List.of("v")).infer("\"" + cell + "\"", SourceCoordinates.unknown());

    DataType expected = TypeParser.parse(type);
    assertThat(record.values().type(0)).isEqualTo(expected);
  }

  @Test
  void readsAFileWithQuotesDelimitersAndLineNumbers() {
    List<DynamicRecord> records =
        Inferrers.csv(
                CsvOptions.defaults().withDelimiter(';').withNullTokens(Set.of("", "NULL")),
                InferenceOptions.defaults())
            .inferFile(
                "id;note;price\n1;\"a;b \"\"c\"\"\";1.50\n\n2;NULL;3;extra\n", "s3://b/o.csv");

    assertThat(records).hasSize(2);
    assertThat(records.get(0).values().get("note")).isEqualTo("a;b \"c\"");
    assertThat(records.get(0).values().text(2)).isEqualTo("1.50");
    assertThat(records.get(1).coordinates().describe()).isEqualTo("file:s3://b/o.csv:4");
    assertThat(records.get(1).schema())
        .hasToString("struct<id:int not null,note:null,price:int not null,_c3:string not null>");
  }

  @Test
  void hintsWinOverCellTyping() {
    CsvInferrer csv =
        Inferrers.csv(
            CsvOptions.defaults(),
            InferenceOptions.defaults()
                .withHints(SchemaHints.parse("zip: string, amount: decimal(8,2)")));

    DynamicRecord record =
        csv.withHeader(List.of("zip", "amount")).infer("01234,3.1", SourceCoordinates.unknown());

    assertThat(record.schema())
        .hasToString("struct<zip:string not null,amount:decimal(8,2) not null>");
    assertThat(record.values().get("amount")).isEqualTo(new BigDecimal("3.10"));
  }

  @Test
  void rejectsAnUnterminatedQuote() {
    assertThatThrownBy(() -> CSV.inferFile("a,b\n1,\"open\n", "f.csv"))
        .hasMessage("Cannot decode CSV record: unterminated quoted cell: file:f.csv:2");
  }
}
