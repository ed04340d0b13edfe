package io.driftway.connectors.files;

import io.driftway.platform.aws.AwsClients;
import io.driftway.platform.aws.AwsSettings;
import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How to reach S3 (or an S3-compatible store): the platform's {@link AwsSettings} (region, optional
 * endpoint override, path-style access, static credentials or the SDK's default chain). Immutable,
 * serializable and small, so Flink operators carry it and build their own client where they run.
 *
 * <pre>{@code
 * S3Access access = S3Access.of("us-east-1")
 *     .withEndpoint(URI.create("http://127.0.0.1:9000"))
 *     .withPathStyle(true)
 *     .withStaticCredentials("key", "secret");
 * try (S3Client s3 = access.createClient()) { ... }
 * }</pre>
 */
public final class S3Access implements Serializable {

  private static final long serialVersionUID = 2L;

  private final AwsSettings settings;

  private S3Access(AwsSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** AWS S3 in {@code region}, virtual-host addressing, the default credentials chain. */
  public static S3Access of(String region) {
    return new S3Access(AwsSettings.builder().region(region).build());
  }

  /** S3 reached with {@code settings}, path-style access included. */
  public static S3Access of(AwsSettings settings) {
    return new S3Access(settings);
  }

  /** The settings clients are built from. */
  public AwsSettings settings() {
    return settings;
  }

  public S3Access withEndpoint(URI newEndpoint) {
    return new S3Access(settings.toBuilder().endpoint(newEndpoint).build());
  }

  public S3Access withPathStyle(boolean enabled) {
    return new S3Access(settings.toBuilder().pathStyleAccess(enabled).build());
  }

  public S3Access withStaticCredentials(String keyId, String secret) {
    return new S3Access(
        settings.toBuilder()
            .staticCredentials(
                Objects.requireNonNull(keyId, "keyId"), Objects.requireNonNull(secret, "secret"))
            .build());
  }

  /** A new synchronous client from the platform's factory; the caller closes it. */
  public S3Client createClient() {
    return AwsClients.build(
        S3Client.builder().forcePathStyle(settings.pathStyleAccess()), settings);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof S3Access other && settings.equals(other.settings);
  }

  @Override
  public int hashCode() {
    return settings.hashCode();
  }

  /** Never the secret: this ends up in logs and in the job graph description. */
  @Override
  public String toString() {
    return "S3Access{" + settings + '}';
  }
}
