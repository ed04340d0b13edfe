package io.driftway.catalogbridge.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The factory Iceberg loads by class name, against a real HTTP server on loopback: Glue signs with
 * the bridge key, S3 with the {@code s3.*} key and path-style addressing.
 */
class BridgeAwsClientFactoryTest {

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

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
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(200, -1);
          } else {
            byte[] body = "{\"DatabaseList\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private BridgeAwsClientFactory factory() {
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    Map<String, String> properties = new HashMap<>();
    properties.put("glue.endpoint", endpoint);
    properties.put("client.region", "eu-west-1");
    properties.put(BridgeAwsClientFactory.ACCESS_KEY_ID, "AKIDPIPELINE");
    properties.put(BridgeAwsClientFactory.SECRET_ACCESS_KEY, "pipeline-secret");
    properties.put("s3.endpoint", endpoint);
    properties.put("s3.path-style-access", "true");
    properties.put("s3.access-key-id", "AKIDS3");
    properties.put("s3.secret-access-key", "s3-secret");
    BridgeAwsClientFactory factory = new BridgeAwsClientFactory();
    factory.initialize(properties);
    return factory;
  }

  @Test
  void glueCallsGoToTheGlueEndpointSignedWithTheBridgeKey() {
    try (GlueClient glue = factory().glue()) {
      glue.getDatabases(r -> r.maxResults(1));
    }

    assertThat(requests)
        .singleElement()
        .asString()
        .startsWith("POST / AWS4-HMAC-SHA256 Credential=AKIDPIPELINE/")
        .contains("/eu-west-1/glue/aws4_request");
  }

  @Test
  void s3CallsUseTheS3KeyAndPathStyle() {
    try (S3Client s3 = factory().s3()) {
      s3.headObject(r -> r.bucket("lake").key("warehouse/t/metadata/v1.json"));
    }

    assertThat(requests)
        .singleElement()
        .asString()
        .startsWith("HEAD /lake/warehouse/t/metadata/v1.json AWS4-HMAC-SHA256 Credential=AKIDS3/")
        .contains("/eu-west-1/s3/aws4_request");
  }
}
