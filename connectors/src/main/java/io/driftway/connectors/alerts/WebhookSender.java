package io.driftway.connectors.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts to an HTTP endpoint from a background thread, retrying with exponential backoff.
 * {@link #offer} never blocks: when the endpoint is down long enough for the queue to fill, further
 * alerts are dropped with an error in the log (they are still in the log and on the Kafka topic),
 * because a slow webhook must never slow the data path.
 *
 * <pre>{@code
 * WebhookSender sender = WebhookSender.start(URI.create("http://hooks/alerts"), Duration.ofSeconds(5), 5, Duration.ofMillis(500));
 * sender.offer(alert);
 * }</pre>
 */
public final class WebhookSender implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  static final int QUEUE_CAPACITY = 1_000;

  private final URI url;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final HttpClient client;
  private final BlockingQueue<SchemaChangeAlert> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread worker;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean closing;

  private WebhookSender(URI url, Duration timeout, int maxAttempts, Duration initialBackoff) {
    this.url = url;
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.worker = new Thread(this::run, "driftway-webhook-" + url.getHost());
    this.worker.setDaemon(true);
  }

  /** Starts the delivery thread. */
  public static WebhookSender start(
      URI url, Duration timeout, int maxAttempts, Duration initialBackoff) {
    WebhookSender sender = new WebhookSender(url, timeout, maxAttempts, initialBackoff);
    sender.worker.start();
    return sender;
  }

  /**
   * Queues {@code alert} for delivery; returns false when it was dropped because the queue is full.
   */
  public boolean offer(SchemaChangeAlert alert) {
    boolean queued = queue.offer(alert);
    if (!queued) {
      failed.incrementAndGet();
      LOG.error(
          "Cannot deliver alert to webhook: {} alerts are waiting, the endpoint is not keeping up: {} ({})",
          QUEUE_CAPACITY,
          url,
          alert.alertId());
    }
    return queued;
  }

  public long deliveredCount() {
    return delivered.get();
  }

  public long failedCount() {
    return failed.get();
  }

  /** Delivers what is queued (within one timeout per alert), then stops the thread. */
  @Override
  public void close() throws InterruptedException {
    closing = true;
    worker.join(timeout.multipliedBy(maxAttempts + 1L).toMillis());
    worker.interrupt();
  }

  private void run() {
    try {
      while (!(closing && queue.isEmpty())) {
        SchemaChangeAlert alert = queue.poll(100, TimeUnit.MILLISECONDS);
        if (alert != null) {
          deliver(alert);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(SchemaChangeAlert alert) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("X-Driftway-Alert-Id", alert.alertId())
            .POST(HttpRequest.BodyPublishers.ofString(alert.toJson()))
            .build();
    Duration backoff = initialBackoff;
    String last = "";
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          delivered.incrementAndGet();
          return;
        }
        last = "HTTP " + response.statusCode();
        if (response.statusCode() / 100 == 4 && response.statusCode() != 429) {
          break; // the endpoint refuses this alert; retrying will not change its mind
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      if (attempt < maxAttempts) {
        TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2);
      }
    }
    failed.incrementAndGet();
    LOG.error("Cannot deliver alert to webhook: {}: {} ({})", last, url, alert.alertId());
  }
}
