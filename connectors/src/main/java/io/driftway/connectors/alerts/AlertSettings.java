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
  }
}
