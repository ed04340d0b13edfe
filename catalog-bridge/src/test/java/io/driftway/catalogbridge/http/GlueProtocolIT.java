package io.driftway.catalogbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.TestBridges;
import io.driftway.catalogbridge.auth.AuthMode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.DatabaseInput;

/** The wire protocol as a raw HTTP client sees it: errors, health, auth none, TLS. */
class GlueProtocolIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(URI endpoint, String target, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void unsignedRequestsAreRefusedAndErrorsAreGlueShaped(@TempDir Path dir) throws Exception {
    try (CatalogBridge bridge = TestBridges.start(dir)) {
      HttpResponse<String> unsigned = post(bridge.endpoint(), "AWSGlue.GetDatabases", "{}");

      assertThat(unsigned.statusCode()).isEqualTo(403);
      assertThat(unsigned.headers().firstValue("Content-Type"))
          .hasValue("application/x-amz-json-1.1");
      assertThat(unsigned.headers().firstValue("x-amzn-RequestId")).isPresent();
      JsonNode error = JSON.readTree(unsigned.body());
      assertThat(error.get("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
      assertThat(error.get("Message").asText())
          .isEqualTo(
              "Cannot authenticate request: no Authorization header (requests must be signed with"
                  + " SigV4): POST /");

      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(bridge.endpoint().resolve("/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
      assertThat(JSON.readTree(health.body()).get("operations").asInt()).isEqualTo(41);
    }
  }

  @Test
  void authNoneOnLoopbackServesUnsignedRequestsWithClearErrors(@TempDir Path dir) throws Exception {
    try (CatalogBridge bridge =
        CatalogBridge.start(
            TestBridges.config(dir).set(BridgeOptions.AUTH_MODE, AuthMode.NONE).build())) {
      String db = TestBridges.name("open");
      HttpResponse<String> created =
          post(
              bridge.endpoint(),
              "AWSGlue.CreateDatabase",
              "{\"DatabaseInput\": {\"Name\": \"" + db + "\"}}");
      assertThat(created.statusCode()).isEqualTo(200);
      assertThat(created.body()).isEqualTo("{}");

      HttpResponse<String> got =
          post(bridge.endpoint(), "AWSGlue.GetDatabase", "{\"Name\": \"" + db + "\"}");
      assertThat(JSON.readTree(got.body()).at("/Database/Name").asText()).isEqualTo(db);
      assertThat(JSON.readTree(got.body()).at("/Database/CreateTime").isNumber()).isTrue();

      assertError(
          post(bridge.endpoint(), "AWSGlue.CreateClassifier", "{}"),
          400,
          "UnknownOperationException",
          "Cannot run operation: the Driftway catalog bridge does not serve it (see the README for"
              + " the supported operations): AWSGlue.CreateClassifier");
      assertError(
          post(bridge.endpoint(), null, "{}"),
          400,
          "UnknownOperationException",
          "Cannot run operation: X-Amz-Target must be AWSGlue.<Operation>: null");
      assertError(
          post(bridge.endpoint(), "AWSGlue.GetDatabase", "{not json"),
          400,
          "SerializationException",
          null);
      assertError(
          post(bridge.endpoint(), "AWSGlue.GetTables", "{\"DatabaseName\": [1]}"),
          400,
          "SerializationException",
          null);
      assertError(
          post(bridge.endpoint(), "AWSGlue.GetTables", "{}"),
          400,
          "InvalidInputException",
          "Cannot get tables: DatabaseName is required: null");
      assertError(
          post(
              bridge.endpoint(),
              "AWSGlue.GetTables",
              "{\"DatabaseName\": \"x\", \"MaxResults\": 500}"),
          400,
          "InvalidInputException",
          "Cannot get tables: MaxResults must be between 1 and 100: 500");
      assertError(
          post(
              bridge.endpoint(),
              "AWSGlue.GetTables",
              "{\"DatabaseName\": \"" + db + "\", \"NextToken\": \"forged\"}"),
          400,
          "InvalidInputException",
          "Cannot list tables: NextToken is not one this listing issued: forged");
    }
  }

  @Test
  void servesHttpsWhenAKeystoreIsConfigured(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("bridge.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "bridge",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      trusted.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);

    try (CatalogBridge bridge =
        CatalogBridge.start(
            TestBridges.config(dir.resolve("bridge"))
                .set(BridgeOptions.SERVER_TLS_KEYSTORE, keystore)
                .set(BridgeOptions.SERVER_TLS_KEYSTORE_PASSWORD, "changeit")
                .build())) {
      assertThat(bridge.endpoint().getScheme()).isEqualTo("https");
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      HttpResponse<String> health =
          HttpClient.newBuilder()
              .sslContext(tls)
              .build()
              .send(
                  HttpRequest.newBuilder(bridge.endpoint().resolve("/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      try (GlueClient glue =
          GlueClient.builder()
              .endpointOverride(bridge.endpoint())
              .region(Region.of(TestBridges.REGION))
              .httpClient(
                  UrlConnectionHttpClient.builder()
                      .tlsTrustManagersProvider(trust::getTrustManagers)
                      .build())
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET)))
              .build()) {
        String db = TestBridges.name("tls");
        glue.createDatabase(r -> r.databaseInput(DatabaseInput.builder().name(db).build()));
        assertThat(glue.getDatabase(r -> r.name(db)).database().name()).isEqualTo(db);
      }
    }
  }

  private static void assertError(
      HttpResponse<String> response, int status, String type, String message) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.get("__type").asText()).isEqualTo(type);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    if (message != null) {
      assertThat(error.get("Message").asText()).isEqualTo(message);
    }
    assertThat(response.body()).doesNotContain("at io.driftway").doesNotContain("Exception:");
  }
}
