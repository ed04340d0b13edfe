package io.driftway.catalogbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SignInLimitsTest {

  private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

  private final MutableClock clock = new MutableClock();
  private final SignInLimits limits = new SignInLimits(clock);

  @Test
  void fiveFailuresForAKeyRefuseItsNextSignInUntilTheOldestLeavesTheMinute() {
    for (int i = 0; i < 5; i++) {
      assertThat(limits.refusal("AKID1", "10.0.0." + i)).isEmpty();
      limits.failed("AKID1", "10.0.0." + i);
      clock.advance(Duration.ofSeconds(10));
    }

    assertThat(limits.refusal("AKID1", "10.0.0.9"))
        .hasValue(
            "Cannot sign in: 5 failed sign-ins for this access key id in the last minute; try"
                + " again in 10 s: AKID1");
    assertThat(limits.refusal("AKID2", "10.0.0.9")).isEmpty();

    clock.advance(Duration.ofSeconds(10));
    assertThat(limits.refusal("AKID1", "10.0.0.9")).isEmpty();
  }

  @Test
  void twentyFailuresFromAnAddressRefuseEveryKeyFromThere() {
    for (int i = 0; i < 20; i++) {
      limits.failed("AKID" + i, "192.0.2.7");
    }

    assertThat(limits.refusal("AKIDNEW", "192.0.2.7"))
        .hasValue(
            "Cannot sign in: 20 failed sign-ins from this address in the last minute; try again"
                + " in 60 s: 192.0.2.7");
    assertThat(limits.refusal("AKIDNEW", "192.0.2.8")).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    assertThat(limits.refusal("AKIDNEW", "192.0.2.7")).isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    for (int i = 0; i < 4; i++) {
      limits.failed("AKID1", "10.0.0.1");
    }
    clock.advance(Duration.ofSeconds(61));
    limits.failed("AKID1", "10.0.0.1");

    assertThat(limits.refusal("AKID1", "10.0.0.1")).isEmpty();
  }

  private static final class MutableClock extends Clock {
    private Instant now = T0;

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
