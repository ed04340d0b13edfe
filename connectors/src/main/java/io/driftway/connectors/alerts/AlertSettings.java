package io.driftway.connectors.alerts;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where alerts go: a Kafka topic, an HTTP webhook, the log; any combination. */
public record AlertSettings(
    Optional<String> kafkaBootstrapServers,
    Optional<String> kafkaTopic,
    Optional<Webhook> webhook,
    boolean log)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public AlertSettings {
    if (kafkaTopic.isPresent() && kafkaBootstrapServers.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot send alerts to Kafka: no bootstrap servers for topic: " + kafkaTopic.get());
    }
  }

  /** An HTTP endpoint for alerts, with its timeout and retry budget. */
  public record Webhook(URI url, Duration timeout, int maxAttempts, Duration initialBackoff)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }
}
