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
    String kafkaBootstrapServers, String kafkaTopic, Webhook webhook, boolean log, Bridge bridge)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Alerts to the log only: a pipeline without an {@code alerts} section. */
  public static final AlertSettings LOG_ONLY = new AlertSettings(null, null, null, true, null);

  /** Without the catalog bridge as a destination. */
  public AlertSettings(
      String kafkaBootstrapServers, String kafkaTopic, Webhook webhook, boolean log) {
    this(kafkaBootstrapServers, kafkaTopic, webhook, log, null);
  }

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

  /**
   * Driftway's catalog bridge as a destination: each alert is posted to {@code endpoint} as {@code
   * Driftway.PutAlert}, signed with this key for {@code region}, and shown on the bridge's console.
   */
  public record Bridge(URI endpoint, String region, String accessKeyId, String secretAccessKey)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Keeps the secret out of logs. */
    @Override
    public String toString() {
      return "Bridge[endpoint="
          + endpoint
          + ", region="
          + region
          + ", accessKeyId="
          + accessKeyId
          + "]";
    }
  }
}
