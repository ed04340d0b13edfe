package io.driftway.connectors.files;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * How to reach S3 (or an S3-compatible store): region, optional endpoint override, path-style
 * access, and static credentials or the SDK's default chain. Serializable and small, so Flink
 * operators carry it and build their own client where they run.
 *
 * <pre>{@code
 * S3Access access = S3Access.of("us-east-1")
 *     .withEndpoint(URI.create("http://127.0.0.1:9000"))
 *     .withPathStyle(true)
 *     .withStaticCredentials("key", "secret");
 * try (S3Client s3 = access.createClient()) { ... }
 * }</pre>
 *
 * @param region the signing region
 * @param endpoint the endpoint override, or null for AWS's own
 * @param pathStyle whether to address buckets as {@code /bucket/key} (S3-compatible stores)
 * @param accessKeyId static access key, or null for the default credentials chain
 * @param secretAccessKey static secret, or null for the default credentials chain
 */
public record S3Access(
    String region, URI endpoint, boolean pathStyle, String accessKeyId, String secretAccessKey)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Validates the parts. */
  public S3Access {
    Objects.requireNonNull(region, "region");
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException(
          "Cannot configure S3 access: give both the access key id and the secret, or neither: "
              + (accessKeyId == null ? "secret only" : accessKeyId));
    }
  }

  /** AWS S3 in {@code region}, virtual-host addressing, the default credentials chain. */
  public static S3Access of(String region) {
    return new S3Access(region, null, false, null, null);
  }

  public S3Access withEndpoint(URI newEndpoint) {
    return new S3Access(region, newEndpoint, pathStyle, accessKeyId, secretAccessKey);
  }

  public S3Access withPathStyle(boolean enabled) {
    return new S3Access(region, endpoint, enabled, accessKeyId, secretAccessKey);
  }

  public S3Access withStaticCredentials(String keyId, String secret) {
    return new S3Access(
        region,
        endpoint,
        pathStyle,
        Objects.requireNonNull(keyId, "keyId"),
        Objects.requireNonNull(secret, "secret"));
  }

  /**
   * A new synchronous client over Apache's HTTP client; the caller closes it. (The JDK client
   * reused connections the server had closed and failed uploads with an error the SDK does not
   * retry.)
   */
  public S3Client createClient() {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(region))
            .forcePathStyle(pathStyle)
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(30))
                    .socketTimeout(Duration.ofMinutes(1)))
            .credentialsProvider(credentials());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  private AwsCredentialsProvider credentials() {
    return accessKeyId == null
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(
            AwsBasicCredentials.create(accessKeyId, secretAccessKey));
  }

  @Override
  public String toString() {
    // Never the secret: this ends up in logs and in the job graph description.
    return "S3Access{region="
        + region
        + (endpoint == null ? "" : ", endpoint=" + endpoint)
        + (pathStyle ? ", path-style" : "")
        + (accessKeyId == null ? ", default credentials" : ", static credentials " + accessKeyId)
        + '}';
  }
}
