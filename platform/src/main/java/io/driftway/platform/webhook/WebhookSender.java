package io.driftway.platform.webhook;

import java.io.IOException;
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
 * Posts JSON messages to one HTTP endpoint from a background thread, in the order they were
 * offered. {@link #offer} never blocks: a slow or dead endpoint must not slow the caller (a Flink
 * writer, a Glue API call).
 *
 * <p>Delivery rules: a 2xx answer delivers the message. A 4xx answer other than 408 and 429 is a
 * refusal that retrying will not change, so the message fails at once. Anything else (5xx, 408,
 * 429, a connection error, a request timeout) is retried after a backoff that doubles from {@link
 * WebhookSettings#initialBackoff()} up to {@link WebhookSettings#maxBackoff()}, until {@link
 * WebhookSettings#maxAttempts()} attempts are spent; then the message fails. A failed message is
 * logged and counted, and the next one is tried. Retries hold back the messages behind them, which
 * keeps the order.
 *
 * <p>When the queue is full the <em>new</em> message is dropped, counted and logged: the queued
 * ones are older, and keeping the oldest keeps the first sign of a problem (the first schema change
 * of a burst). Every message is also in the caller's log, so a drop loses a notification, not the
 * record of it.
 *
 * <pre>{@code
 * try (WebhookSender sender = WebhookSender.start(WebhookSettings.builder(url).build())) {
 *   sender.offer(WebhookMessage.json(alert.alertId(), alert.toJson()));
 * }
 * }</pre>
 *
 * <p>{@link #offer} may be called from any thread; {@link #close()} once, by the owner.
 */
public final class WebhookSender implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  /** How often the worker looks at the closing flag while the queue is empty. */
  private static final long POLL_MILLIS = 50;

  private final WebhookSettings settings;
  private final HttpClient client;
  private final BlockingQueue<WebhookMessage> queue;
  private final Thread worker;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closing;

  private WebhookSender(WebhookSettings settings) {
    this.settings = settings;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.requestTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.worker = new Thread(this::run, "driftway-webhook-" + settings.url().getHost());
    this.worker.setDaemon(true);
  }

  /** A sender with its delivery thread running. */
  public static WebhookSender start(WebhookSettings settings) {
    WebhookSender sender = new WebhookSender(settings);
    sender.worker.start();
    return sender;
  }

  /**
   * Queues {@code message}; returns false when it was dropped (the queue is full, or the sender is
   * closed). Never blocks.
   */
  public boolean offer(WebhookMessage message) {
    if (closing) {
      drop(message, "the sender is closed");
      return false;
    }
    if (!queue.offer(message)) {
      drop(message, settings.queueCapacity() + " messages are waiting");
      return false;
    }
    return true;
  }

  /** Messages the endpoint accepted. */
  public long deliveredCount() {
    return delivered.get();
  }

  /** Messages given up on: refused, or every attempt failed. */
  public long failedCount() {
    return failed.get();
  }

  /** Messages never tried to the end: the queue was full, or close() ran out of time. */
  public long droppedCount() {
    return dropped.get();
  }

  /**
   * Delivers what is queued for at most {@link WebhookSettings#drainTimeout()}, then stops the
   * thread and drops (counting) whatever is left.
   */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    try {
      worker.join(Math.max(1, settings.drainTimeout().toMillis()));
      if (worker.isAlive()) {
        worker.interrupt();
        worker.join(settings.requestTimeout().toMillis());
      }
    } catch (InterruptedException e) {
      worker.interrupt();
      Thread.currentThread().interrupt();
    }
    int left = queue.size();
    queue.clear();
    if (left > 0) {
      dropped.addAndGet(left);
      LOG.warn(
          "Cannot deliver webhook messages: {} were still queued after {}: {}",
          left,
          settings.drainTimeout(),
          settings.url());
    }
  }

  private void run() {
    try {
      while (!(closing && queue.isEmpty())) {
        WebhookMessage message = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (message != null) {
          deliver(message);
        }
      }
    } catch (InterruptedException e) {
      // close() ran out of time; it counts what is left.
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(WebhookMessage message) throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(settings.url())
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(message.body()));
    message.headers().forEach(request::header);
    HttpRequest built = request.build();
    String last = "";
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      try {
        int status = client.send(built, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          delivered.incrementAndGet();
          return;
        }
        last = "HTTP " + status;
        if (isRefusal(status)) {
          break;
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      if (attempt < settings.maxAttempts()) {
        TimeUnit.MILLISECONDS.sleep(
            backoffBefore(attempt + 1, settings.initialBackoff(), settings.maxBackoff())
                .toMillis());
      }
    }
    failed.incrementAndGet();
    LOG.error("Cannot deliver webhook message: {}: {} ({})", last, settings.url(), message.id());
  }

  private void drop(WebhookMessage message, String reason) {
    long count = dropped.incrementAndGet();
    if (count == 1 || count % 100 == 0) {
      LOG.warn(
          "Cannot queue webhook message: {}, {} dropped so far: {} ({})",
          reason,
          count,
          settings.url(),
          message.id());
    }
  }

  /** 4xx means the endpoint refuses this message; 408 and 429 say "later". */
  private static boolean isRefusal(int status) {
    return status / 100 == 4 && status != 408 && status != 429;
  }

  /**
   * The wait before attempt {@code attempt} (2 for the first retry): the initial backoff doubled
   * per earlier retry, capped.
   */
  static Duration backoffBefore(int attempt, Duration initial, Duration max) {
    Duration wait = initial;
    for (int i = 2; i < attempt && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
