package io.driftway.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against a real HTTP server on loopback that fails, refuses or hangs on purpose. */
class WebhookSenderTest {

  /** One request as the server saw it. */
  record Received(long nanos, String body, String id, String contentType) {}

  private HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** Answers for the next requests, in order; 204 once they run out. */
  private final Queue<Integer> answers = new ArrayDeque<>();

  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean hang;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Received(
                  System.nanoTime(),
                  body,
                  exchange.getRequestHeaders().getFirst("X-Test-Id"),
                  exchange.getRequestHeaders().getFirst("Content-Type")));
          if (hang) {
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          Integer answer;
          synchronized (answers) {
            answer = answers.poll();
          }
          exchange.sendResponseHeaders(answer == null ? 204 : answer, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  private void answer(Integer... statuses) {
    synchronized (answers) {
      answers.addAll(List.of(statuses));
    }
  }

  private WebhookSettings.Builder settings() {
    return WebhookSettings.builder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"))
        .requestTimeout(Duration.ofSeconds(5))
        .backoff(Duration.ofMillis(100), Duration.ofMillis(150));
  }

  private static WebhookMessage message(String id) {
    return WebhookMessage.json(id, "{\"id\":\"" + id + "\"}").withHeader("X-Test-Id", id);
  }

  @Test
  void retriesWithBackoffUntilTheEndpointAccepts() {
    answer(503, 500, 429);
    try (WebhookSender sender = WebhookSender.start(settings().maxAttempts(4).build())) {
      assertThat(sender.offer(message("a"))).isTrue();

      await().atMost(Duration.ofSeconds(10)).until(() -> sender.deliveredCount() == 1);
      assertThat(sender.failedCount()).isZero();
    }

    assertThat(received).hasSize(4);
    assertThat(received).extracting(Received::id).containsOnly("a");
    assertThat(received.get(0).body()).isEqualTo("{\"id\":\"a\"}");
    assertThat(received.get(0).contentType()).isEqualTo("application/json");
    // 100 ms, then doubled to 200 ms but capped at 150 ms, then the cap again.
    assertThat(gapMillis(0)).isGreaterThanOrEqualTo(100);
    assertThat(gapMillis(1)).isGreaterThanOrEqualTo(150);
    assertThat(gapMillis(2)).isGreaterThanOrEqualTo(150);
  }

  private long gapMillis(int index) {
    return TimeUnit.NANOSECONDS.toMillis(
        received.get(index + 1).nanos() - received.get(index).nanos());
  }

  @Test
  void givesUpAfterMaxAttemptsAndDeliversTheNextMessage() {
    answer(503, 503, 503);
    try (WebhookSender sender = WebhookSender.start(settings().maxAttempts(3).build())) {
      sender.offer(message("a"));
      sender.offer(message("b"));

      await().atMost(Duration.ofSeconds(10)).until(() -> sender.deliveredCount() == 1);
      assertThat(sender.failedCount()).isEqualTo(1);
    }

    assertThat(received).extracting(Received::id).containsExactly("a", "a", "a", "b");
  }

  @Test
  void aRefusalIsNotRetried() {
    answer(400);
    try (WebhookSender sender = WebhookSender.start(settings().maxAttempts(5).build())) {
      sender.offer(message("a"));
      sender.offer(message("b"));

      await().atMost(Duration.ofSeconds(10)).until(() -> sender.deliveredCount() == 1);
      assertThat(sender.failedCount()).isEqualTo(1);
    }

    assertThat(received).extracting(Received::id).containsExactly("a", "b");
  }

  @Test
  void aFullQueueDropsTheNewMessageAndKeepsTheQueuedOnes() {
    hang = true;
    try (WebhookSender sender = WebhookSender.start(settings().queueCapacity(2).build())) {
      sender.offer(message("in-flight"));
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);

      assertThat(sender.offer(message("q1"))).isTrue();
      assertThat(sender.offer(message("q2"))).isTrue();
      assertThat(sender.offer(message("new"))).isFalse();
      assertThat(sender.droppedCount()).isEqualTo(1);

      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(() -> sender.deliveredCount() == 3);
    }

    assertThat(received).extracting(Received::id).containsExactly("in-flight", "q1", "q2");
  }

  @Test
  void neverBlocksTheCallerWhenTheServerHangs() {
    hang = true;
    WebhookSender sender =
        WebhookSender.start(
            settings().queueCapacity(10).drainTimeout(Duration.ofMillis(200)).build());

    long start = System.nanoTime();
    int accepted = 0;
    for (int i = 0; i < 1_000; i++) {
      if (sender.offer(message("m" + i))) {
        accepted++;
      }
    }
    long offerMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(offerMillis).isLessThan(1_000);
    assertThat(accepted).isBetween(10, 11);
    assertThat(sender.droppedCount()).isEqualTo(1_000L - accepted);

    start = System.nanoTime();
    sender.close();
    long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    // The drain deadline, then the interrupted in-flight request: far below the 5 s request
    // timeout.
    assertThat(closeMillis).isLessThan(3_000);
    assertThat(sender.deliveredCount()).isZero();
    assertThat(sender.droppedCount()).isGreaterThanOrEqualTo(1_000L - 1);
    assertThat(sender.offer(message("late"))).isFalse();
  }

  @Test
  void closeDeliversWhatIsQueued() {
    WebhookSender sender = WebhookSender.start(settings().build());
    for (int i = 0; i < 5; i++) {
      sender.offer(message("m" + i));
    }

    sender.close();

    assertThat(sender.deliveredCount()).isEqualTo(5);
    assertThat(received).extracting(Received::id).containsExactly("m0", "m1", "m2", "m3", "m4");
  }

  @Test
  void backoffDoublesUpToTheCap() {
    Duration initial = Duration.ofMillis(100);
    Duration max = Duration.ofMillis(350);

    assertThat(WebhookSender.backoffBefore(2, initial, max)).isEqualTo(Duration.ofMillis(100));
    assertThat(WebhookSender.backoffBefore(3, initial, max)).isEqualTo(Duration.ofMillis(200));
    assertThat(WebhookSender.backoffBefore(4, initial, max)).isEqualTo(Duration.ofMillis(350));
    assertThat(WebhookSender.backoffBefore(60, initial, max)).isEqualTo(Duration.ofMillis(350));
  }
}
