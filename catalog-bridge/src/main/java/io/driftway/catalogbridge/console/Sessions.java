package io.driftway.catalogbridge.console;

import io.driftway.catalogbridge.auth.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, in memory: they end when the bridge restarts (users sign in again), and a
 * session ends {@link #LIFETIME} after sign-in. Thread-safe.
 */
final class Sessions {

  static final Duration LIFETIME = Duration.ofHours(8);

  /** Beyond this many live sessions the oldest are dropped, so sign-ins cannot exhaust memory. */
  private static final int MAX_SESSIONS = 10_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  Session create(Principal principal) {
    Instant now = clock.instant();
    if (byId.size() >= MAX_SESSIONS) {
      byId.values().removeIf(s -> !s.expiresAt().isAfter(now));
      if (byId.size() >= MAX_SESSIONS) {
        byId.values().stream()
            .min(java.util.Comparator.comparing(Session::expiresAt))
            .ifPresent(oldest -> byId.remove(oldest.id()));
      }
    }
    Session session = new Session(randomToken(), principal, randomToken(), now.plus(LIFETIME));
    byId.put(session.id(), session);
    return session;
  }

  /** The live session with this id; an expired one is removed. */
  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = byId.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (!session.expiresAt().isAfter(clock.instant())) {
      byId.remove(id);
      return Optional.empty();
    }
    return Optional.of(session);
  }

  void remove(String id) {
    byId.remove(id);
  }

  /** 256 random bits, URL-safe. */
  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
