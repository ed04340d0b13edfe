package io.driftway.connectors.alerts;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * Where alerts go: a Kafka topic, an HTTP webhook, the log; any combination. Unused destinations
 * are null (settings travel Java-serialized with the job, and {@code Optional} is not
 * serializable).
 */
public record AlertSettings(
    String kafkaBootstrapServers, String kafkaTopic, Webhook webhook, boolean log)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Alerts to the log only: a pipeline without an {@code alerts} section. */
  public static final AlertSettings LOG_ONLY = new AlertSettings(null, null, null, true);

  public AlertSettings {
    if (kafkaTopic != null && kafkaBootstrapServers == null) {
      throw new IllegalArgumentException(
          "Cannot send alerts to Kafka: no bootstrap servers for topic: " + kafkaTopic);
    }
  }

  /** An HTTP endpoint for alerts, with its timeout and retry budget. */
  public record Webhook(URI url, Duration timeout, int maxAttempts, Duration initialBackoff)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
  }
}
