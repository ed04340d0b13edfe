package io.driftway.streamjobs.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PartitionKeyTypesTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(List.of("2023", "2024"), "int"),
        Arguments.of(List.of("0", "7"), "int"),
        Arguments.of(List.of("2147483647"), "int"),
        Arguments.of(List.of("2147483648", "1"), "bigint"),
        Arguments.of(List.of("9223372036854775807"), "bigint"),
        Arguments.of(List.of("9223372036854775808"), "string"),
        Arguments.of(List.of("01", "12"), "string"),
        Arguments.of(List.of("-1"), "string"),
        Arguments.of(List.of("2024", "2024-01-01"), "string"),
        Arguments.of(List.of("eu"), "string"),
        Arguments.of(List.of(""), "string"),
        Arguments.of(List.of(), "string"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void typesKeyIntegerOnlyWhenEveryValueIsAPlainInteger(List<String> values, String type) {
    assertThat(PartitionKeyTypes.typeOf(values)).isEqualTo(type);
  }
}
