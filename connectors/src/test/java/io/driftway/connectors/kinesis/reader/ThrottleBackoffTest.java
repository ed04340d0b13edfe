package io.driftway.connectors.kinesis.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleBackoffTest {

  private static final Duration BASE = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofSeconds(1);

  @Test
  void doublesPerAttemptUpToTheCap() {
    ThrottleBackoff top = new ThrottleBackoff(BASE, MAX, () -> 1.0);

    assertThat(top.delay(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(top.delay(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(top.delay(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(top.delay(4)).isEqualTo(MAX);
    assertThat(top.delay(1_000)).isEqualTo(MAX);
  }

  @Test
  void randomizesOnlyTheUpperHalfOfTheWait() {
    ThrottleBackoff bottom = new ThrottleBackoff(BASE, MAX, () -> 0.0);

    assertThat(bottom.delay(0)).isEqualTo(Duration.ofMillis(50));
    assertThat(bottom.delay(10)).isEqualTo(Duration.ofMillis(500));
  }
}
