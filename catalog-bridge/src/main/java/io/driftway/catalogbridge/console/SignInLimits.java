package io.driftway.catalogbridge.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down guessing of secrets on the sign-in form: after {@link #PER_KEY} failed sign-ins for
 * one access key id, or {@link #PER_ADDRESS} from one client address, within {@link #WINDOW}, every
 * further sign-in for that key or from that address is refused (HTTP 429), even with the right
 * secret, until the oldest failure leaves the window. Only failures count: a user who signs in
 * often is never refused. Thread-safe; in memory, like the sessions.
 *
 * <p>The address is the TCP peer's: behind a reverse proxy every user shares the proxy's address,
 * and the per-key limit is what holds.
 */
final class SignInLimits {

  static final int PER_KEY = 5;
  static final int PER_ADDRESS = 20;
  static final Duration WINDOW = Duration.ofMinutes(1);

  /** Beyond this many keys or addresses tracked, those without recent failures are dropped. */
  private static final int MAX_TRACKED = 10_000;

  private final Clock clock;
  private final Map<String, Deque<Instant>> byKey = new HashMap<>();
  private final Map<String, Deque<Instant>> byAddress = new HashMap<>();

  SignInLimits(Clock clock) {
    this.clock = clock;
  }

  /**
   * Why a sign-in for {@code accessKeyId} from {@code address} is refused now, written {@code
   * Cannot sign in: <reason>: <value>}, or empty when it may go ahead.
   */
  synchronized Optional<String> refusal(String accessKeyId, String address) {
    Instant now = clock.instant();
    Optional<Duration> key = wait(byKey, accessKeyId, PER_KEY, now);
    if (key.isPresent()) {
      return Optional.of(
          "Cannot sign in: "
              + PER_KEY
              + " failed sign-ins for this access key id in the last minute; try again in "
              + seconds(key.get())
              + " s: "
              + accessKeyId);
    }
    Optional<Duration> from = wait(byAddress, address, PER_ADDRESS, now);
    return from.map(
        d ->
            "Cannot sign in: "
                + PER_ADDRESS
                + " failed sign-ins from this address in the last minute; try again in "
                + seconds(d)
                + " s: "
                + address);
  }

  /** A sign-in for {@code accessKeyId} from {@code address} failed (unknown key, wrong secret). */
  synchronized void failed(String accessKeyId, String address) {
    Instant now = clock.instant();
    record(byKey, accessKeyId, now);
    record(byAddress, address, now);
  }

  private static Optional<Duration> wait(
      Map<String, Deque<Instant>> failures, String who, int limit, Instant now) {
    Deque<Instant> recent = failures.get(who);
    if (recent == null) {
      return Optional.empty();
    }
    expire(recent, now);
    if (recent.isEmpty()) {
      failures.remove(who);
      return Optional.empty();
    }
    if (recent.size() < limit) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, recent.peekFirst().plus(WINDOW)));
  }

  private static void record(Map<String, Deque<Instant>> failures, String who, Instant now) {
    if (failures.size() >= MAX_TRACKED && !failures.containsKey(who)) {
      failures.values().forEach(d -> expire(d, now));
      failures.values().removeIf(Deque::isEmpty);
    }
    Deque<Instant> recent = failures.computeIfAbsent(who, w -> new ArrayDeque<>());
    expire(recent, now);
    recent.addLast(now);
    // Only the newest failures up to the largest limit matter for a refusal.
    while (recent.size() > Math.max(PER_KEY, PER_ADDRESS)) {
      recent.removeFirst();
    }
  }

  private static void expire(Deque<Instant> recent, Instant now) {
    Instant cutoff = now.minus(WINDOW);
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
      recent.removeFirst();
    }
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
