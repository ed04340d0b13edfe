package io.driftway.connectors.kinesis.reader;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long a shard waits after Kinesis throttled it: doubling from a base up to a cap, with half of
 * the wait random so that readers throttled together do not retry together.
 */
final class ThrottleBackoff {

  private final Duration base;
  private final Duration max;
  private final DoubleSupplier random;

  ThrottleBackoff(Duration base, Duration max, DoubleSupplier random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** The wait after the {@code attempt}-th throttled call in a row, counting from 0. */
  Duration delay(int attempt) {
    // Past 2^30 times the base, every realistic cap is reached; avoid overflowing the shift.
    long factor = 1L << Math.min(attempt, 30);
    long capNanos = max.toNanos();
    long nanos =
        base.toNanos() > capNanos / factor ? capNanos : Math.min(capNanos, base.toNanos() * factor);
    long half = nanos / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (nanos - half)));
  }
}
