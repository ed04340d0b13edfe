package io.driftway.testsupport.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * S3Proxy serving the S3 API from a local folder, on 127.0.0.1 with a free port, checking AWS
 * signatures (V2 or V4) against one access key. Clients must use path-style access.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start(Files.createTempDirectory("s3"))) {
 *   S3Client client = S3Client.builder().endpointOverride(s3.endpoint())
 *       .forcePathStyle(true)
 *       .credentialsProvider(StaticCredentialsProvider.create(
 *           AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
 *       .region(Region.of(s3.region())).build();
 * }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {

  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);

  private final S3Proxy proxy;
  private final URI endpoint;
  private final String accessKey;
  private final String secretKey;

  private S3ProxyServer(S3Proxy proxy, URI endpoint, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** Starts S3Proxy storing buckets as folders under {@code dir}. */
  public static S3ProxyServer start(Path dir) throws Exception {
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", dir.toString());
    String accessKey = "driftway-test";
    String secretKey = "driftway-test-secret";
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("filesystem-nio2", props))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        proxy.stop();
        throw new IllegalStateException(
            "Cannot start S3Proxy: state "
                + proxy.getState()
                + " after "
                + STARTUP_LIMIT
                + ": "
                + dir);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return new S3ProxyServer(
        proxy, URI.create("http://127.0.0.1:" + proxy.getPort()), accessKey, secretKey);
  }

  /** The endpoint to pass to {@code endpointOverride}, or Iceberg's {@code s3.endpoint}. */
  public URI endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** A region name for signing; S3Proxy accepts any. */
  public String region() {
    return "us-east-1";
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
