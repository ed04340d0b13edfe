package io.driftway.streamjobs.spec;

import static io.driftway.streamjobs.spec.PipelineKeys.KAFKA_BOOTSTRAP_SERVERS;
import static io.driftway.streamjobs.spec.PipelineKeys.KAFKA_GROUP_ID;
import static io.driftway.streamjobs.spec.PipelineKeys.KAFKA_PROPERTIES;
import static io.driftway.streamjobs.spec.PipelineKeys.KAFKA_STARTING_POSITION;
import static io.driftway.streamjobs.spec.PipelineKeys.KAFKA_TOPICS;
import static io.driftway.streamjobs.spec.PipelineKeys.KAFKA_TOPIC_PATTERN;
import static io.driftway.streamjobs.spec.PipelineKeys.KINESIS_ACCESS_KEY_ID;
import static io.driftway.streamjobs.spec.PipelineKeys.KINESIS_CONSUMER;
import static io.driftway.streamjobs.spec.PipelineKeys.KINESIS_CONSUMER_NAME;
import static io.driftway.streamjobs.spec.PipelineKeys.KINESIS_ENDPOINT;
import static io.driftway.streamjobs.spec.PipelineKeys.KINESIS_REGION;
import static io.driftway.streamjobs.spec.PipelineKeys.KINESIS_SECRET_ACCESS_KEY;
import static io.driftway.streamjobs.spec.PipelineKeys.KINESIS_STARTING_POSITION;
import static io.driftway.streamjobs.spec.PipelineKeys.KINESIS_STREAMS;

import io.driftway.streamjobs.spec.YamlNode.YamlObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code sources} section: a list of Kafka and Kinesis sources. The list may be empty (or
 * the section absent) for a pipeline that only takes backfills; {@code driftway run} refuses it.
 */
final class SourcesReader {

  private SourcesReader() {}

  static List<SourceSpec> read(YamlNode node, String pipeline) {
    List<YamlNode> items = node.list();
    List<SourceSpec> sources = new ArrayList<>();
    for (YamlNode item : items) {
      YamlObject source = item.section();
      String kind = source.exactlyOneOf("kafka", "kinesis");
      YamlObject body = source.required(kind).section();
      sources.add(kind.equals("kafka") ? kafka(body, pipeline) : kinesis(body));
    }
    return sources;
  }

  private static SourceSpec.Kafka kafka(YamlObject body, String pipeline) {
    String which = body.exactlyOneOf(KAFKA_TOPICS.name(), KAFKA_TOPIC_PATTERN.name());
    SourceSpec.KafkaStart start =
        body.optional(KAFKA_STARTING_POSITION)
            .map(n -> n.enumValue(SourceSpec.KafkaStart.class, SourceSpec.KafkaStart::spelling))
            .orElse(KAFKA_STARTING_POSITION.defaultValue().orElseThrow());
    Optional<Instant> timestamp = startTimestamp(body, start == SourceSpec.KafkaStart.TIMESTAMP);
    Optional<String> pattern = body.optional(KAFKA_TOPIC_PATTERN).map(YamlNode::regex);
    return new SourceSpec.Kafka(
        body.required(KAFKA_BOOTSTRAP_SERVERS).nonEmpty(),
        which.equals(KAFKA_TOPICS.name()) ? body.required(KAFKA_TOPICS).stringList() : List.of(),
        pattern,
        body.optional(KAFKA_GROUP_ID).map(YamlNode::nonEmpty).orElse("driftway-" + pipeline),
        start,
        timestamp,
        body.optional(KAFKA_PROPERTIES).map(YamlNode::stringMap).orElse(Map.of()));
  }

  private static SourceSpec.Kinesis kinesis(YamlObject body) {
    SourceSpec.KinesisStart start =
        body.optional(KINESIS_STARTING_POSITION)
            .map(n -> n.enumValue(SourceSpec.KinesisStart.class, SourceSpec.KinesisStart::spelling))
            .orElse(KINESIS_STARTING_POSITION.defaultValue().orElseThrow());
    SourceSpec.KinesisConsumer consumer =
        body.optional(KINESIS_CONSUMER)
            .map(
                n ->
                    n.enumValue(
                        SourceSpec.KinesisConsumer.class, SourceSpec.KinesisConsumer::spelling))
            .orElse(KINESIS_CONSUMER.defaultValue().orElseThrow());
    Optional<String> consumerName = body.optional(KINESIS_CONSUMER_NAME).map(YamlNode::nonEmpty);
    if (consumer == SourceSpec.KinesisConsumer.ENHANCED_FAN_OUT && consumerName.isEmpty()) {
      throw body.node().error("enhanced-fan-out needs 'consumer-name' (the registered consumer)");
    }
    return new SourceSpec.Kinesis(
        body.required(KINESIS_STREAMS).stringList(),
        body.required(KINESIS_REGION).nonEmpty(),
        body.optional(KINESIS_ENDPOINT).map(YamlNode::uri),
        start,
        startTimestamp(body, start == SourceSpec.KinesisStart.AT_TIMESTAMP),
        consumer,
        consumerName,
        body.optional(KINESIS_ACCESS_KEY_ID).map(YamlNode::nonEmpty),
        body.optional(KINESIS_SECRET_ACCESS_KEY).map(YamlNode::scalar));
  }

  /** Kafka and Kinesis share the key's name and rule: set exactly when the position needs it. */
  private static Optional<Instant> startTimestamp(YamlObject body, boolean needed) {
    Optional<YamlNode> node = body.optional("starting-timestamp");
    if (needed && node.isEmpty()) {
      throw body.node()
          .error(
              "this starting-position needs 'starting-timestamp' (ISO-8601, e.g. 2026-11-01T00:00:00Z)");
    }
    if (!needed && node.isPresent()) {
      throw node.get()
          .error("'starting-timestamp' applies only to starting-position timestamp/AT_TIMESTAMP");
    }
    return node.map(YamlNode::instant);
  }
}
