package io.driftway.streamjobs.graph;

import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.platform.config.Configuration;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A catalog bridge in this JVM (H2 store in a test folder) and a warehouse bucket on S3Proxy: the
 * lake of the drift ITs, which pipelines reach through Iceberg's {@code GlueCatalog}.
 *
 * <pre>{@code
 * try (BridgeLake lake = BridgeLake.start(s3, dir, suffix)) {
 *   String yaml = "...\n" + lake.yaml();
 * }
 * }</pre>
 */
public final class BridgeLake implements AutoCloseable {

  private final CatalogBridge bridge;
  private final S3ProxyServer s3;
  private final String bucket;

  private BridgeLake(CatalogBridge bridge, S3ProxyServer s3, String bucket) {
    this.bridge = bridge;
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** Starts a bridge storing its catalog under {@code dir} and makes the bucket lake-suffix. */
  public static BridgeLake start(S3ProxyServer s3, Path dir, String suffix) {
    String bucket = "lake-" + suffix;
    PipelineHarness.createBucket(s3, bucket);
    CatalogBridge bridge =
        CatalogBridge.start(
            Configuration.builder(BridgeOptions.all())
                .set(BridgeOptions.SERVER_PORT, 0)
                .set(BridgeOptions.SERVER_SHUTDOWN_GRACE, Duration.ofSeconds(1))
                .set(BridgeOptions.AUTH_MODE, AuthMode.NONE)
                .set(BridgeOptions.EVENTS_LOG, false)
                .set(
                    BridgeOptions.STORE_URL,
                    "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath())
                .set(BridgeOptions.STORAGE_S3_ENDPOINT, s3.endpoint())
                .set(BridgeOptions.STORAGE_S3_REGION, s3.region())
                .set(BridgeOptions.STORAGE_S3_ACCESS_KEY_ID, s3.accessKey())
                .set(BridgeOptions.STORAGE_S3_SECRET_ACCESS_KEY, s3.secretKey())
                .set(BridgeOptions.STORAGE_S3_PATH_STYLE_ACCESS, true)
                .build());
    return new BridgeLake(bridge, s3, bucket);
  }

  /** The {@code warehouse} and {@code catalog} sections of a pipeline file, at top level. */
  public String yaml() {
    return """
        warehouse:
          location: %s
          s3-endpoint: %s
          s3-region: us-east-1
          s3-path-style: true
          access-key-id: %s
          secret-access-key: %s
        catalog:
          type: glue
          endpoint: %s
          region: us-east-1
        """
        .formatted(warehouse(), s3.endpoint(), s3.accessKey(), s3.secretKey(), bridge.endpoint());
  }

  /** The warehouse location, {@code s3://lake-<suffix>/warehouse}. */
  public String warehouse() {
    return "s3://" + bucket + "/warehouse";
  }

  /** The bridge's Glue API endpoint. */
  public CatalogBridge bridge() {
    return bridge;
  }

  @Override
  public void close() {
    bridge.close();
  }
}
