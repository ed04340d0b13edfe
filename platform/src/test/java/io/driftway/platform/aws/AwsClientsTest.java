package io.driftway.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Clients built by the factory, against a real HTTP server on loopback that records requests. */
class AwsClientsTest {

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " host="
                  + exchange.getRequestHeaders().getFirst("Host")
                  + " auth="
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private AwsSettings.Builder local() {
    return AwsSettings.builder()
        .region("eu-west-1")
        .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .staticCredentials("AKIDTEST", "secret");
  }

  @Test
  void anS3ClientTalksToTheEndpointWithPathStyleAndTheStaticKey() {
    AwsSettings settings = local().pathStyleAccess(true).build();
    try (S3Client s3 =
        AwsClients.build(S3Client.builder().forcePathStyle(settings.pathStyleAccess()), settings)) {
      s3.headObject(b -> b.bucket("lake").key("events/day=1/a.json"));
    }

    assertThat(requests).hasSize(1);
    assertThat(requests.get(0))
        .startsWith(
            "HEAD /lake/events/day=1/a.json host=127.0.0.1:" + server.getAddress().getPort())
        .contains("auth=AWS4-HMAC-SHA256 Credential=AKIDTEST/")
        .contains("/eu-west-1/s3/aws4_request");
  }

  @Test
  void retriesAServerErrorUpToMaxAttempts() {
    status.set(503);
    AwsSettings settings = local().pathStyleAccess(true).maxAttempts(2).build();
    try (S3Client s3 = AwsClients.build(S3Client.builder().forcePathStyle(true), settings)) {
      assertThatThrownBy(() -> s3.headObject(b -> b.bucket("lake").key("a")))
          .isInstanceOf(S3Exception.class);
    }

    assertThat(requests).hasSize(2);
  }

  @Test
  void oneAttemptMeansNoRetry() {
    status.set(503);
    AwsSettings settings = local().maxAttempts(1).build();
    try (S3Client s3 = AwsClients.build(S3Client.builder().forcePathStyle(true), settings)) {
      assertThatThrownBy(() -> s3.headObject(b -> b.bucket("lake").key("a")))
          .isInstanceOf(S3Exception.class);
    }

    assertThat(requests).hasSize(1);
  }

  @Test
  void sessionTokensMakeSessionCredentials() {
    AwsSettings settings =
        AwsSettings.builder().region("us-east-1").staticCredentials("AKID", "s", "t").build();

    assertThat(AwsClients.credentialsProvider(settings).resolveCredentials())
        .isInstanceOfSatisfying(
            AwsSessionCredentials.class, c -> assertThat(c.sessionToken()).isEqualTo("t"));
  }

  @Test
  void withoutAKeyTheDefaultChainApplies() {
    AwsSettings settings = AwsSettings.builder().region("us-east-1").build();

    assertThat(AwsClients.credentialsProvider(settings))
        .isInstanceOf(DefaultCredentialsProvider.class);
  }
}
