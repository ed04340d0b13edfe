package io.driftway.catalogbridge.events;

import io.driftway.platform.webhook.WebhookMessage;
import io.driftway.platform.webhook.WebhookSender;
import io.driftway.platform.webhook.WebhookSettings;
import java.net.URI;
import java.time.Duration;

/**
 * POSTs each event as EventBridge-shaped JSON to a URL through the platform's {@link
 * WebhookSender}: in commit order, retried with capped exponential backoff, never holding up the
 * other sinks. An event the endpoint refuses or that runs out of attempts is logged and dropped.
 *
 * <pre>{@code
 * CatalogEventSink sink = new WebhookEventSink(url, Duration.ofSeconds(5), "000000000000", "us-east-1");
 * }</pre>
 */
public final class WebhookEventSink implements CatalogEventSink {

  /** How long closing the bridge keeps delivering queued events, as the dispatcher does. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

  private final String account;
  private final String region;
  private final WebhookSender sender;

  /** Starts the sender's delivery thread; {@link #close()} stops it. */
  public WebhookEventSink(URI url, Duration timeout, String account, String region) {
    this.account = account;
    this.region = region;
    this.sender =
        WebhookSender.start(
            WebhookSettings.builder(url)
                .requestTimeout(timeout)
                .drainTimeout(DRAIN_TIMEOUT)
                .build());
  }

  @Override
  public void accept(CatalogEvent event) {
    sender.offer(
        WebhookMessage.json(
            event.typeOfChange() + " " + event.databaseName() + "." + event.tableName(),
            event.toEventBridgeJson(account, region).toString()));
  }

  @Override
  public void close() {
    sender.close();
  }
}
