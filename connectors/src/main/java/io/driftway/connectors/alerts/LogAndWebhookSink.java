package io.driftway.connectors.alerts;

import io.driftway.platform.webhook.WebhookMessage;
import io.driftway.platform.webhook.WebhookSender;
import io.driftway.platform.webhook.WebhookSettings;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes alerts to the log and hands them to the platform's {@link WebhookSender}; never blocks the
 * job (a full queue drops the new alert, which is still in the log and on the Kafka topic).
 */
final class LogAndWebhookSink<A extends Alert> implements Sink<A> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger("io.driftway.alerts");

  /** The header carrying the alert id, for receivers that deduplicate. */
  static final String ALERT_ID_HEADER = "X-Driftway-Alert-Id";

  private final boolean log;
  private final AlertSettings.Webhook webhook;
  private final AlertSettings.Bridge bridge;

  LogAndWebhookSink(boolean log, AlertSettings.Webhook webhook, AlertSettings.Bridge bridge) {
    this.log = log;
    this.webhook = webhook;
    this.bridge = bridge;
  }

  /** The sender settings for an alert webhook: its own timeout and retry budget. */
  static WebhookSettings senderSettings(AlertSettings.Webhook webhook) {
    return WebhookSettings.builder(webhook.url())
        .requestTimeout(webhook.timeout())
        .maxAttempts(webhook.maxAttempts())
        .backoff(
            webhook.initialBackoff(),
            WebhookSettings.DEFAULT_MAX_BACKOFF.compareTo(webhook.initialBackoff()) < 0
                ? webhook.initialBackoff()
                : WebhookSettings.DEFAULT_MAX_BACKOFF)
        // Room for the last queued alert's every attempt when the job ends.
        .drainTimeout(webhook.timeout().multipliedBy(webhook.maxAttempts() + 1L))
        .build();
  }

  @Override
  public SinkWriter<A> createWriter(WriterInitContext context) {
    WebhookSender sender = webhook == null ? null : WebhookSender.start(senderSettings(webhook));
    WebhookSender toBridge =
        bridge == null ? null : WebhookSender.start(BridgeAlerts.senderSettings(bridge));
    return new SinkWriter<>() {
      @Override
      public void write(A alert, Context context) {
        if (log) {
          LOG.info("{}", alert.summary());
        }
        if (sender != null) {
          sender.offer(
              WebhookMessage.json(alert.alertId(), alert.toJson())
                  .withHeader(ALERT_ID_HEADER, alert.alertId()));
        }
        if (toBridge != null) {
          toBridge.offer(BridgeAlerts.message(alert, bridge));
        }
      }

      @Override
      public void flush(boolean endOfInput) {
        // Webhook delivery is asynchronous on purpose: a checkpoint must not wait on a slow
        // endpoint.
      }

      @Override
      public void close() {
        if (sender != null) {
          sender.close();
        }
        if (toBridge != null) {
          toBridge.close();
        }
      }
    };
  }
}
