package io.driftway.connectors.alerts;

import io.driftway.platform.webhook.WebhookMessage;
import io.driftway.platform.webhook.WebhookSender;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to the configured destinations straight away, for code that runs outside the job's
 * tasks (the freshness coordinator on the JobManager, which must alert while the tasks fail and
 * restart). Same destinations and bodies as {@link Alerts#attach}: the log, the webhook (with the
 * {@code X-Driftway-Alert-Id} header) and the Kafka topic (keyed by table); at least once, never
 * blocking the caller.
 *
 * <pre>{@code
 * try (AlertDelivery delivery = AlertDelivery.start(settings)) {
 *   delivery.send(alert);
 * }
 * }</pre>
 */
public final class AlertDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.driftway.alerts");

  private final boolean log;
  private final WebhookSender webhook;
  private final WebhookSender bridgeSender;
  private final AlertSettings.Bridge bridge;
  private final KafkaProducer<byte[], byte[]> kafka;
  private final String topic;

  private AlertDelivery(
      boolean log,
      WebhookSender webhook,
      AlertSettings.Bridge bridge,
      KafkaProducer<byte[], byte[]> kafka,
      String topic) {
    this.log = log;
    this.webhook = webhook;
    this.bridge = bridge;
    this.bridgeSender =
        bridge == null ? null : WebhookSender.start(BridgeAlerts.senderSettings(bridge));
    this.kafka = kafka;
    this.topic = topic;
  }

  /** Opens the destinations {@code settings} names (a webhook sender thread, a Kafka producer). */
  public static AlertDelivery start(AlertSettings settings) {
    WebhookSender webhook =
        settings.webhook() == null
            ? null
            : WebhookSender.start(LogAndWebhookSink.senderSettings(settings.webhook()));
    KafkaProducer<byte[], byte[]> kafka = null;
    if (settings.kafkaTopic() != null) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.CLIENT_ID_CONFIG, "driftway-alerts-" + settings.kafkaTopic());
      kafka = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return new AlertDelivery(
        settings.log(), webhook, settings.bridge(), kafka, settings.kafkaTopic());
  }

  /** Hands {@code alert} to every destination; delivery happens in the background. */
  public void send(Alert alert) {
    if (log) {
      LOG.info("{}", alert.summary());
    }
    if (webhook != null) {
      webhook.offer(
          WebhookMessage.json(alert.alertId(), alert.toJson())
              .withHeader(LogAndWebhookSink.ALERT_ID_HEADER, alert.alertId()));
    }
    if (bridgeSender != null) {
      bridgeSender.offer(BridgeAlerts.message(alert, bridge));
    }
    if (kafka != null) {
      // Failures are logged by the callback; the future adds nothing.
      var unused =
          kafka.send(
              new ProducerRecord<>(
                  topic,
                  alert.qualifiedTable().getBytes(StandardCharsets.UTF_8),
                  alert.toJson().getBytes(StandardCharsets.UTF_8)),
              (metadata, error) -> {
                if (error != null) {
                  LOG.warn(
                      "Cannot send alert to Kafka topic {}: {}: {}", topic, error, alert.alertId());
                }
              });
    }
  }

  /** Delivers what is queued (within the webhook's drain time) and closes the destinations. */
  @Override
  public void close() {
    if (webhook != null) {
      webhook.close();
    }
    if (bridgeSender != null) {
      bridgeSender.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }
}
