package io.driftway.streamjobs.spec;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where a pipeline reads from: a Kafka cluster or Kinesis data streams. */
public sealed interface SourceSpec permits SourceSpec.Kafka, SourceSpec.Kinesis {

  /** Where a Kafka source starts when its consumer group has no committed offset to resume. */
  enum KafkaStart {
    EARLIEST("earliest"),
    LATEST("latest"),
    COMMITTED("committed"),
    TIMESTAMP("timestamp");

    private final String spelling;

    KafkaStart(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }

  /** Kinesis starting positions, spelled as the Kinesis API spells them. */
  enum KinesisStart {
    LATEST("LATEST"),
    TRIM_HORIZON("TRIM_HORIZON"),
    AT_TIMESTAMP("AT_TIMESTAMP");

    private final String spelling;

    KinesisStart(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }

  /** How a Kinesis source reads shards. */
  enum KinesisConsumer {
    POLLING("polling"),
    ENHANCED_FAN_OUT("enhanced-fan-out");

    private final String spelling;

    KinesisConsumer(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }

  /**
   * A Kafka source: either {@code topics} or {@code topicPattern} is set. {@code properties} pass
   * through to the Kafka consumer unchanged (TLS, SASL, ...).
   */
  record Kafka(
      String bootstrapServers,
      List<String> topics,
      Optional<String> topicPattern,
      String groupId,
      KafkaStart start,
      Optional<Instant> startTimestamp,
      Map<String, String> properties)
      implements SourceSpec {
    public Kafka {
      topics = List.copyOf(topics);
      properties = Map.copyOf(properties);
    }
  }

  /**
   * A Kinesis source over streams given by name or ARN. Without static keys the AWS default
   * credential chain applies (environment, profile, instance or pod role).
   */
  record Kinesis(
      List<String> streams,
      String region,
      Optional<URI> endpoint,
      KinesisStart start,
      Optional<Instant> startTimestamp,
      KinesisConsumer consumer,
      Optional<String> consumerName,
      Optional<String> accessKeyId,
      Optional<String> secretAccessKey)
      implements SourceSpec {
    public Kinesis {
      streams = List.copyOf(streams);
    }
  }
}
