package io.driftway.catalogbridge;

import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.platform.config.Configuration;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/** Bridges for tests: SigV4 with an admin and a read-only principal, a file store in a temp dir. */
public final class TestBridges {

  public static final String REGION = "us-east-1";
  public static final String ADMIN_KEY = "AKIDDRIFTWAYADMIN";
  public static final String ADMIN_SECRET = "admin-secret-0123456789abcdefghij";
  public static final String READER_KEY = "AKIDDRIFTWAYREADER";
  public static final String READER_SECRET = "reader-secret-0123456789abcdefghij";

  private TestBridges() {}

  public static List<Principal> principals() {
    return List.of(
        Principal.of("admin", ADMIN_KEY, ADMIN_SECRET, Map.of("*", Access.ADMIN)),
        Principal.of("reader", READER_KEY, READER_SECRET, Map.of("*", Access.READ_ONLY)));
  }

  /** SigV4, free port, embedded store under {@code dir}. */
  public static Configuration.Builder config(Path dir) {
    return Configuration.builder(BridgeOptions.all())
        .set(BridgeOptions.SERVER_PORT, 0)
        .set(BridgeOptions.SERVER_SHUTDOWN_GRACE, java.time.Duration.ofSeconds(2))
        .set(BridgeOptions.AUTH_MODE, AuthMode.SIGV4)
        .set(BridgeOptions.AUTH_PRINCIPALS, principals())
        .set(BridgeOptions.EVENTS_LOG, false)
        .set(BridgeOptions.STORE_URL, "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath());
  }

  public static CatalogBridge start(Path dir) {
    return CatalogBridge.start(config(dir).build());
  }

  public static GlueClient glue(URI endpoint, String accessKey, String secret) {
    return GlueClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build())
        .build();
  }

  public static GlueClient admin(CatalogBridge bridge) {
    return glue(bridge.endpoint(), ADMIN_KEY, ADMIN_SECRET);
  }

  public static GlueClient reader(CatalogBridge bridge) {
    return glue(bridge.endpoint(), READER_KEY, READER_SECRET);
  }

  /** A fresh lowercase name for a database or table, so tests never share state. */
  public static String name(String prefix) {
    return prefix + "_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }
}
