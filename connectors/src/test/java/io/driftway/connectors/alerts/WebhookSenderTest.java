package io.driftway.connectors.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against a real HTTP server on loopback that fails on purpose before it accepts. */
class WebhookSenderTest {

  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> ids = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/alerts",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          if (failuresLeft.getAndDecrement() > 0) {
            exchange.sendResponseHeaders(503, -1);
          } else {
            bodies.add(new String(body, StandardCharsets.UTF_8));
            ids.add(exchange.getRequestHeaders().getFirst("X-Driftway-Alert-Id"));
            exchange.sendResponseHeaders(204, -1);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void retriesWithBackoffUntilTheEndpointAccepts() throws Exception {
    failuresLeft.set(2);
    try (WebhookSender sender = start(3)) {
      assertThat(sender.offer(SchemaChangeAlertTest.alert("v2"))).isTrue();

      await().atMost(Duration.ofSeconds(10)).until(() -> sender.deliveredCount() == 1);
      assertThat(bodies).singleElement().asString().contains("\"alert_id\":\"sales.orders@v2\"");
      assertThat(ids).containsExactly("sales.orders@v2");
      assertThat(sender.failedCount()).isZero();
    }
  }

  @Test
  void givesUpAfterTheLastAttemptAndKeepsGoing() throws Exception {
    failuresLeft.set(3);
    try (WebhookSender sender = start(3)) {
      sender.offer(SchemaChangeAlertTest.alert("v2"));
      sender.offer(SchemaChangeAlertTest.alert("v3"));

      await().atMost(Duration.ofSeconds(10)).until(() -> sender.deliveredCount() == 1);
      assertThat(sender.failedCount()).isEqualTo(1);
      assertThat(ids).containsExactly("sales.orders@v3");
    }
  }

  private WebhookSender start(int attempts) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
    return WebhookSender.start(url, Duration.ofSeconds(2), attempts, Duration.ofMillis(20));
  }
}
