package io.driftway.connectors.alerts;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes alerts to the log and hands them to a {@link WebhookSender}; never blocks the job. */
final class LogAndWebhookSink implements Sink<SchemaChangeAlert> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger("io.driftway.alerts");

  private final boolean log;
  private final AlertSettings.Webhook webhook;

  LogAndWebhookSink(boolean log, AlertSettings.Webhook webhook) {
    this.log = log;
    this.webhook = webhook;
  }

  @Override
  public SinkWriter<SchemaChangeAlert> createWriter(WriterInitContext context) {
    WebhookSender sender =
        webhook == null
            ? null
            : WebhookSender.start(
                webhook.url(), webhook.timeout(), webhook.maxAttempts(), webhook.initialBackoff());
    return new SinkWriter<>() {
      @Override
      public void write(SchemaChangeAlert alert, Context context) {
        if (log) {
          LOG.info("{}", alert.summary());
        }
        if (sender != null) {
          sender.offer(alert);
        }
      }

      @Override
      public void flush(boolean endOfInput) {
        // Webhook delivery is asynchronous on purpose: a checkpoint must not wait on a slow
        // endpoint.
      }

      @Override
      public void close() throws InterruptedException {
        if (sender != null) {
          sender.close();
        }
      }
    };
  }
}
