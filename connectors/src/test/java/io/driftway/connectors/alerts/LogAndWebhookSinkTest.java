package io.driftway.connectors.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.driftway.platform.webhook.WebhookSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts through the sink's writer to a real HTTP server on loopback that fails once first. */
class LogAndWebhookSinkTest {

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

  private AlertSettings.Webhook webhook() {
    return new AlertSettings.Webhook(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts"),
        Duration.ofSeconds(2),
        3,
        Duration.ofMillis(20));
  }

  @Test
  void postsEachAlertWithItsIdAndDeliversTheQueueOnClose() throws Exception {
    failuresLeft.set(1);
    SinkWriter<SchemaChangeAlert> writer =
        new LogAndWebhookSink<SchemaChangeAlert>(true, webhook(), null).createWriter(null);
    writer.write(SchemaChangeAlertTest.alert("v2"), null);
    writer.write(SchemaChangeAlertTest.alert("v3"), null);

    writer.close();

    assertThat(ids).containsExactly("sales.orders@v2", "sales.orders@v3");
    assertThat(bodies.get(0)).contains("\"alert_id\":\"sales.orders@v2\"");
  }

  @Test
  void theAlertWebhookKeepsItsTimeoutAndRetryBudget() {
    WebhookSettings settings = LogAndWebhookSink.senderSettings(webhook());

    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.maxAttempts()).isEqualTo(3);
    assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(20));
    assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(8));
  }
}
