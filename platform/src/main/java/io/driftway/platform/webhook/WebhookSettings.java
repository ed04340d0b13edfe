package io.driftway.platform.webhook;

import java.net.URI;
import java.time.Duration;

/**
 * Where a {@link WebhookSender} posts and how hard it tries: the URL, a timeout per request, the
 * attempts per message with exponential backoff between them (doubling from {@code initialBackoff},
 * never more than {@code maxBackoff}), the queue capacity, and how long {@link
 * WebhookSender#close()} may take to deliver what is still queued.
 *
 * <pre>{@code
 * WebhookSettings settings = WebhookSettings.builder(URI.create("http://hooks.internal/alerts"))
 *     .requestTimeout(Duration.ofSeconds(5))
 *     .maxAttempts(5)
 *     .build();
 * }</pre>
 */
public record WebhookSettings(
    URI url,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    int queueCapacity,
    Duration drainTimeout) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final int DEFAULT_QUEUE_CAPACITY = 1_000;
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Checks the parts; {@link #builder(URI)} fills in the defaults.
   *
   * @throws IllegalArgumentException naming the part that is missing or out of range
   */
  public WebhookSettings {
    if (url == null) {
      throw fail("a URL is required", null);
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw fail("the URL must be http or https", url);
    }
    requirePositive("request timeout", requestTimeout);
    if (maxAttempts < 1) {
      throw fail("max attempts must be at least 1", maxAttempts);
    }
    requirePositive("initial backoff", initialBackoff);
    requirePositive("max backoff", maxBackoff);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw fail("max backoff must not be below the initial backoff " + initialBackoff, maxBackoff);
    }
    if (queueCapacity < 1) {
      throw fail("queue capacity must be at least 1", queueCapacity);
    }
    if (drainTimeout == null || drainTimeout.isNegative()) {
      throw fail("drain timeout must not be negative", drainTimeout);
    }
  }

  /** Settings for {@code url} with every other part at its default. */
  public static Builder builder(URI url) {
    return new Builder(url);
  }

  /** Collects settings; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private final URI url;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;

    private Builder(URI url) {
      this.url = url;
    }

    /** How long one POST may take, connecting included. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** Attempts per message, the first one included. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    /** The wait before the first retry; each further retry waits twice as long, up to the cap. */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** Messages waiting for delivery; one more is dropped. */
    public Builder queueCapacity(int capacity) {
      this.queueCapacity = capacity;
      return this;
    }

    /** How long {@code close()} keeps delivering what is queued. */
    public Builder drainTimeout(Duration timeout) {
      this.drainTimeout = timeout;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException naming the part that is missing or out of range
     */
    public WebhookSettings build() {
      return new WebhookSettings(
          url,
          requestTimeout,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          queueCapacity,
          drainTimeout);
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw fail(name + " must be positive", value);
    }
  }

  private static IllegalArgumentException fail(String reason, Object value) {
    return new IllegalArgumentException("Cannot build webhook settings: " + reason + ": " + value);
  }
}
