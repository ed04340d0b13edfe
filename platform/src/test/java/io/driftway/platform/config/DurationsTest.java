package io.driftway.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DurationsTest {

  /** Every spelling the bridge config or a pipeline file accepted before they shared one parser. */
  static Stream<Arguments> spellings() {
    return Stream.of(
        Arguments.of("500ms", Duration.ofMillis(500)),
        Arguments.of("250 millis", Duration.ofMillis(250)),
        Arguments.of("30s", Duration.ofSeconds(30)),
        Arguments.of("1 second", Duration.ofSeconds(1)),
        Arguments.of("10 seconds", Duration.ofSeconds(10)),
        Arguments.of("15m", Duration.ofMinutes(15)),
        Arguments.of("15min", Duration.ofMinutes(15)),
        Arguments.of("1 minute", Duration.ofMinutes(1)),
        Arguments.of("5minutes", Duration.ofMinutes(5)),
        Arguments.of("2h", Duration.ofHours(2)),
        Arguments.of("1 hour", Duration.ofHours(1)),
        Arguments.of("3 hours", Duration.ofHours(3)),
        Arguments.of("1d", Duration.ofDays(1)),
        Arguments.of("1 day", Duration.ofDays(1)),
        Arguments.of("7 days", Duration.ofDays(7)),
        Arguments.of("10S", Duration.ofSeconds(10)),
        Arguments.of(" 5m ", Duration.ofMinutes(5)),
        Arguments.of("PT15M", Duration.ofMinutes(15)),
        Arguments.of("pt1h30m", Duration.ofMinutes(90)));
  }

  @ParameterizedTest
  @MethodSource("spellings")
  void readsEverySpellingOfBothFormerGrammars(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @Test
  void formatsTheShortestFormItReadsBack() {
    for (Duration duration :
        new Duration[] {
          Duration.ZERO,
          Duration.ofMillis(1500),
          Duration.ofSeconds(90),
          Duration.ofMinutes(15),
          Duration.ofHours(2),
          Duration.ofDays(3)
        }) {
      assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
    assertThat(Durations.format(Duration.ofMinutes(15))).isEqualTo("15m");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  @Test
  void refusesTextThatIsNoDuration() {
    assertThatThrownBy(() -> Durations.parse("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read duration: expected e.g. 500ms, 30s, 15m, 2h or PT15M: soon");
    assertThatThrownBy(() -> Durations.parse("5 weeks"))
        .hasMessage("Cannot read duration: expected e.g. 500ms, 30s, 15m, 2h or PT15M: 5 weeks");
  }
}
