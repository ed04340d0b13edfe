package io.driftway.streamjobs.spec;

import static io.driftway.streamjobs.spec.PipelineKeys.ALERTS_BRIDGE;
import static io.driftway.streamjobs.spec.PipelineKeys.ALERTS_KAFKA_BOOTSTRAP_SERVERS;
import static io.driftway.streamjobs.spec.PipelineKeys.ALERTS_KAFKA_TOPIC;
import static io.driftway.streamjobs.spec.PipelineKeys.ALERTS_LOG;
import static io.driftway.streamjobs.spec.PipelineKeys.WEBHOOK_INITIAL_BACKOFF;
import static io.driftway.streamjobs.spec.PipelineKeys.WEBHOOK_MAX_ATTEMPTS;
import static io.driftway.streamjobs.spec.PipelineKeys.WEBHOOK_TIMEOUT;
import static io.driftway.streamjobs.spec.PipelineKeys.WEBHOOK_URL;

import io.driftway.connectors.alerts.AlertSettings;
import io.driftway.streamjobs.spec.YamlNode.YamlObject;
import java.util.List;
import java.util.Optional;

/** Reads the {@code alerts} section into the connectors' {@link AlertSettings}. */
final class AlertsReader {

  private AlertsReader() {}

  static AlertSettings read(YamlNode node, List<SourceSpec> sources, StorageSpec.Catalog catalog) {
    YamlObject alerts = node.section();
    String bootstrap = null;
    String topic = null;
    Optional<YamlNode> kafkaNode = alerts.optional("kafka");
    if (kafkaNode.isPresent()) {
      YamlObject kafka = kafkaNode.get().section();
      topic = kafka.required(ALERTS_KAFKA_TOPIC).nonEmpty();
      // Without its own servers the alert topic lives on the (first) Kafka source's cluster.
      bootstrap =
          kafka
              .optional(ALERTS_KAFKA_BOOTSTRAP_SERVERS)
              .map(YamlNode::nonEmpty)
              .or(() -> firstKafkaServers(sources))
              .orElseThrow(
                  () ->
                      kafkaNode
                          .get()
                          .error(
                              "no Kafka source to borrow bootstrap servers from, set"
                                  + " 'bootstrap-servers'"));
    }
    AlertSettings.Webhook webhook =
        alerts.optional("webhook").map(AlertsReader::webhook).orElse(null);
    AlertSettings.Bridge bridge = null;
    Optional<YamlNode> bridgeNode = alerts.optional(ALERTS_BRIDGE);
    if (bridgeNode.isPresent() && bridgeNode.get().bool()) {
      bridge = bridge(bridgeNode.get(), catalog);
    }
    return new AlertSettings(
        bootstrap,
        topic,
        webhook,
        alerts
            .optional(ALERTS_LOG)
            .map(YamlNode::bool)
            .orElse(ALERTS_LOG.defaultValue().orElseThrow()),
        bridge);
  }

  /** The pipeline's own catalog, when it is a Glue endpoint such as the bridge. */
  private static AlertSettings.Bridge bridge(YamlNode node, StorageSpec.Catalog catalog) {
    if (catalog.type() != StorageSpec.CatalogType.GLUE || catalog.endpoint().isEmpty()) {
      throw node.error(
          "alerts go to the catalog bridge the pipeline writes through: set catalog.type glue"
              + " and catalog.endpoint");
    }
    // A bridge with auth.mode none takes any key, as for the pipeline's Glue calls.
    return new AlertSettings.Bridge(
        catalog.endpoint().get(),
        catalog.region().orElse("us-east-1"),
        catalog.accessKeyId().orElse("driftway"),
        catalog.secretAccessKey().orElse("driftway"));
  }

  private static AlertSettings.Webhook webhook(YamlNode node) {
    YamlObject webhook = node.section();
    return new AlertSettings.Webhook(
        webhook.required(WEBHOOK_URL).uri(),
        webhook
            .optional(WEBHOOK_TIMEOUT)
            .map(YamlNode::duration)
            .orElse(WEBHOOK_TIMEOUT.defaultValue().orElseThrow()),
        webhook
            .optional(WEBHOOK_MAX_ATTEMPTS)
            .map(YamlNode::positiveInt)
            .orElse(WEBHOOK_MAX_ATTEMPTS.defaultValue().orElseThrow()),
        webhook
            .optional(WEBHOOK_INITIAL_BACKOFF)
            .map(YamlNode::duration)
            .orElse(WEBHOOK_INITIAL_BACKOFF.defaultValue().orElseThrow()));
  }

  private static Optional<String> firstKafkaServers(List<SourceSpec> sources) {
    return sources.stream()
        .filter(SourceSpec.Kafka.class::isInstance)
        .map(s -> ((SourceSpec.Kafka) s).bootstrapServers())
        .findFirst();
  }
}
