package io.driftway.catalogbridge.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.catalogbridge.model.Column;
import io.driftway.catalogbridge.model.GlueException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PartitionFilterTest {

  private static final List<Column> KEYS =
      List.of(
          Column.of("region", "string"),
          Column.of("year", "int"),
          Column.of("day", "date"),
          Column.of("at", "timestamp"),
          Column.of("price", "decimal(10,2)"),
          Column.of("size", "bigint"));

  /** region, year, day, at, price, size. */
  private static final List<String> PARTITION =
      List.of("eu-west", "2024", "2024-03-09", "2024-03-09 10:15:00", "10.50", "9");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("region = 'eu-west'", true),
        Arguments.of("region <> 'eu-west'", false),
        Arguments.of("region != 'us-east'", true),
        Arguments.of("year = 2024", true),
        Arguments.of("year = '2024'", true),
        Arguments.of("year > 999", true),
        Arguments.of("year < 10000", true),
        Arguments.of("year >= 2024 AND year <= 2024", true),
        Arguments.of("2023 < year", true),
        Arguments.of("size > 10", false),
        Arguments.of("size < 10", true),
        Arguments.of("region > 'eu'", true),
        Arguments.of("day BETWEEN '2024-03-01' AND '2024-03-31'", true),
        Arguments.of("day NOT BETWEEN '2024-03-01' AND '2024-03-31'", false),
        Arguments.of("day > '2024-03-10'", false),
        Arguments.of("at >= '2024-03-09 10:00:00'", true),
        Arguments.of("at < '2024-03-09 10:15:00.000001'", true),
        Arguments.of("price = 10.5", true),
        Arguments.of("price > 10.49", true),
        Arguments.of("region IN ('us-east', 'eu-west')", true),
        Arguments.of("region NOT IN ('us-east', 'eu-west')", false),
        Arguments.of("year IN (2023, 2025)", false),
        Arguments.of("region LIKE 'eu-%'", true),
        Arguments.of("region LIKE 'eu_west'", true),
        Arguments.of("region LIKE 'eu'", false),
        Arguments.of("region NOT LIKE 'us%'", true),
        Arguments.of("region LIKE 'eu.west'", false),
        Arguments.of("region IS NULL", false),
        Arguments.of("region IS NOT NULL", true),
        Arguments.of("NOT region = 'eu-west'", false),
        Arguments.of("region = 'x' OR year = 2024 AND size = 9", true),
        Arguments.of("(region = 'x' OR year = 2024) AND size = 8", false),
        Arguments.of("region = 'x' OR year = 2023 OR NOT (size = 8)", true),
        Arguments.of("`year` = 2024 and REGION = 'eu-west'", true),
        Arguments.of("\"region\" = 'eu-west'", true),
        Arguments.of("region = 'it''s'", false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void evaluatesTypedByThePartitionKey(String expression, boolean expected) {
    assertThat(PartitionFilter.compile(expression, KEYS).matches(PARTITION)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void refusesBadExpressionsWithAClearMessage(String expression, String message) {
    assertThatThrownBy(() -> PartitionFilter.compile(expression, KEYS))
        .isInstanceOf(GlueException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "year = ",
            "Cannot parse partition expression: expected a value (a quoted string or a number) at"
                + " end: year = "),
        Arguments.of(
            "year = 1 AND",
            "Cannot parse partition expression: expected a partition key name at end: year = 1 AND"),
        Arguments.of(
            "year = 1)",
            "Cannot parse partition expression: unexpected ')' at position 9: year = 1)"),
        Arguments.of(
            "region = 'open",
            "Cannot parse partition expression: unterminated string at position 10: region = 'open"),
        Arguments.of(
            "region ~ 'x'",
            "Cannot parse partition expression: unexpected character '~' at position 8: region ~ 'x'"),
        Arguments.of(
            "month = 1",
            "Cannot filter partitions: unknown partition key (keys are [region, year, day, at, price,"
                + " size]): month"),
        Arguments.of(
            "year = 'x'",
            "Cannot filter partitions: 'x' is not a valid integer value for partition key: year"),
        Arguments.of(
            "day = '09/03/2024'",
            "Cannot filter partitions: '09/03/2024' is not a valid date value for partition key: day"));
  }

  @org.junit.jupiter.api.Test
  void refusesKeysOfTypesGlueDoesNotFilterOn() {
    List<Column> keys = List.of(Column.of("ratio", "double"));
    assertThatThrownBy(() -> PartitionFilter.compile("ratio > 1", keys))
        .hasMessage(
            "Cannot filter partitions: partition key type double is not supported in expressions"
                + " (string, date, timestamp, int, bigint, long, tinyint, smallint, decimal): ratio");
  }

  @org.junit.jupiter.api.Test
  void hiveNullPartitionIsNullAndNeverEqual() {
    List<Column> keys = List.of(Column.of("country", "string"));
    List<String> nullPartition = List.of("__HIVE_DEFAULT_PARTITION__");
    assertThat(PartitionFilter.compile("country IS NULL", keys).matches(nullPartition)).isTrue();
    assertThat(PartitionFilter.compile("country <> 'de'", keys).matches(nullPartition)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void aValueThatIsNotOfTheKeyTypeNeverMatches() {
    List<Column> keys = List.of(Column.of("hour", "int"));
    assertThat(PartitionFilter.compile("hour >= 0", keys).matches(List.of("unknown"))).isFalse();
    assertThat(PartitionFilter.compile("hour >= 0", keys).matches(List.of("7"))).isTrue();
  }

  @org.junit.jupiter.api.Test
  void noExpressionKeepsEverything() {
    assertThat(PartitionFilter.compile("  ", KEYS).matches(PARTITION)).isTrue();
    assertThat(PartitionFilter.compile(null, KEYS).matches(PARTITION)).isTrue();
  }
}
