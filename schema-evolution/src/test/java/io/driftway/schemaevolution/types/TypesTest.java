package io.driftway.schemaevolution.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.values.Temporals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TypesTest {

  @Test
  void prefersLowerCaseSpellingsInOneTotalOrder() {
    assertThat(FieldNames.preferred("userId", "userid")).isEqualTo("userid");
    assertThat(FieldNames.preferred("UserId", "userId")).isEqualTo("userId");
    assertThat(FieldNames.preferred("USERID", "UserId")).isEqualTo("UserId");
  }

  @Test
  void refusesTwoFieldsThatDifferOnlyInCase() {
    assertThatThrownBy(
            () ->
                StructType.of(
                    Field.optional("userId", PrimitiveType.LONG),
                    Field.optional("userid", PrimitiveType.LONG)))
        .hasMessage("Cannot create struct: field names must differ ignoring case: userId, userid");
  }

  @Test
  void readsPointersAndDottedPaths() {
    assertThat(FieldPath.parse("/a~1b/items/element/c~0d").segments())
        .containsExactly("a/b", "items", "element", "c~d");
    assertThat(FieldPath.parse("payload.items.price"))
        .isEqualTo(FieldPath.of("payload", "items", "price"));
    assertThat(FieldPath.of("a/b", "c").pointer()).isEqualTo("/a~1b/c");
  }

  @Test
  void allowsOnlyIcebergWidenings() {
    assertThat(Widening.isLegal(PrimitiveType.INT, PrimitiveType.LONG)).isTrue();
    assertThat(Widening.isLegal(PrimitiveType.FLOAT, PrimitiveType.DOUBLE)).isTrue();
    assertThat(Widening.isLegal(DecimalType.of(5, 2), DecimalType.of(9, 2))).isTrue();
    assertThat(Widening.isLegal(DecimalType.of(5, 2), DecimalType.of(9, 3))).isFalse();
    assertThat(Widening.isLegal(PrimitiveType.LONG, PrimitiveType.INT)).isFalse();
    assertThat(Widening.isLegal(PrimitiveType.INT, PrimitiveType.DOUBLE)).isFalse();
    assertThat(Widening.isLegal(PrimitiveType.LONG, PrimitiveType.STRING)).isFalse();
  }

  static Stream<Arguments> timestamps() {
    return Stream.of(
        Arguments.of("2026-01-02T03:04:05Z", true, "2026-01-02T03:04:05Z"),
        Arguments.of("2026-01-02T03:04:05.123456+02:00", true, "2026-01-02T01:04:05.123456Z"),
        Arguments.of("2026-01-02 03:04:05-0130", true, "2026-01-02T04:34:05Z"),
        Arguments.of("1969-12-31T23:59:59.5Z", true, "1969-12-31T23:59:59.500Z"),
        Arguments.of("2024-02-29T00:00", false, "2024-02-29T00:00:00Z"));
  }

  @ParameterizedTest
  @MethodSource("timestamps")
  void parsesIsoTimestampsToMicros(String text, boolean zoned, String instant) {
    long expected = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));

    assertThat(Temporals.parseTimestampMicros(text, zoned)).isEqualTo(expected);
  }

  @Test
  void refusesWhatIsNotATimestampInsteadOfGuessing() {
    assertThat(Temporals.parseTimestampMicros("2023-02-29T00:00:00Z", true))
        .isEqualTo(Temporals.NO_MICROS);
    assertThat(Temporals.parseTimestampMicros("2026-01-02T03:04:05.1234567Z", true))
        .as("nanoseconds would be rounded")
        .isEqualTo(Temporals.NO_MICROS);
    assertThat(Temporals.parseTimestampMicros("2026-01-02T03:04:05", true))
        .isEqualTo(Temporals.NO_MICROS);
    assertThat(Temporals.parseDateDays("2026-13-01")).isEqualTo(Temporals.NO_DATE);
    assertThat(Temporals.parseDateDays("1969-12-31"))
        .isEqualTo((int) LocalDate.of(1969, 12, 31).toEpochDay());
  }
}
