package io.driftway.streamjobs.spec;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where schema-change alerts go. The log always gets them unless {@code log} is false. */
public record AlertsSpec(Optional<KafkaTopic> kafka, Optional<Webhook> webhook, boolean log) {

  public static final AlertsSpec LOG_ONLY =
      new AlertsSpec(Optional.empty(), Optional.empty(), true);

  /** A Kafka topic for JSON alerts; the bootstrap servers default to the Kafka source's. */
  public record KafkaTopic(Optional<String> bootstrapServers, String topic) {}

  /** An HTTP endpoint receiving each alert as a JSON POST, retried with backoff. */
  public record Webhook(URI url, Duration timeout, int maxAttempts, Duration initialBackoff) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
  }
}
