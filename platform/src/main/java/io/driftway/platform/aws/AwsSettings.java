package io.driftway.platform.aws;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one AWS service (or a compatible server): region, endpoint override, credentials,
 * path-style addressing, HTTP timeouts and the retry budget. Immutable and serializable, so a Flink
 * job carries it to every TaskManager and each builds its own client there with {@link AwsClients}.
 *
 * <pre>{@code
 * AwsSettings s3 = AwsSettings.builder()
 *     .region("us-east-1")
 *     .endpoint(URI.create("http://127.0.0.1:9000"))
 *     .staticCredentials("AKID", secret)
 *     .pathStyleAccess(true)
 *     .build();
 * try (S3Client client = AwsClients.build(S3Client.builder().forcePathStyle(s3.pathStyleAccess()), s3)) { ... }
 * }</pre>
 */
public final class AwsSettings implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Connect timeout unless one is given. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Socket read timeout unless one is given. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(1);

  /** Attempts per call, the first one included, unless a number is given (the SDK's standard). */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Where the credentials come from. */
  public enum CredentialsSource {
    /** The SDK's default chain: environment, system properties, profile, container, instance. */
    DEFAULT_CHAIN,
    /** A fixed access key and secret, optionally with a session token. */
    STATIC
  }

  private final String region;
  private final URI endpoint;
  private final CredentialsSource credentialsSource;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final boolean pathStyleAccess;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration apiCallTimeout;
  private final int maxAttempts;

  private AwsSettings(Builder b) {
    this.region = b.region;
    this.endpoint = b.endpoint;
    this.credentialsSource = b.credentialsSource;
    this.accessKeyId = b.accessKeyId;
    this.secretAccessKey = b.secretAccessKey;
    this.sessionToken = b.sessionToken;
    this.pathStyleAccess = b.pathStyleAccess;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.apiCallTimeout = b.apiCallTimeout;
    this.maxAttempts = b.maxAttempts;
  }

  /** An empty builder: a region is required, everything else has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.region = region;
    b.endpoint = endpoint;
    b.credentialsSource = credentialsSource;
    b.accessKeyId = accessKeyId;
    b.secretAccessKey = secretAccessKey;
    b.sessionToken = sessionToken;
    b.pathStyleAccess = pathStyleAccess;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.apiCallTimeout = apiCallTimeout;
    b.maxAttempts = maxAttempts;
    return b;
  }

  /** The signing region, e.g. {@code eu-west-1}. */
  public String region() {
    return region;
  }

  /** The endpoint override; empty for AWS's own endpoint of the region. */
  public Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  public CredentialsSource credentialsSource() {
    return credentialsSource;
  }

  /** The static access key id; empty with the default chain. */
  public Optional<String> accessKeyId() {
    return Optional.ofNullable(accessKeyId);
  }

  /** The static secret; empty with the default chain. */
  public Optional<String> secretAccessKey() {
    return Optional.ofNullable(secretAccessKey);
  }

  /** The session token of temporary static credentials; empty otherwise. */
  public Optional<String> sessionToken() {
    return Optional.ofNullable(sessionToken);
  }

  /** Whether S3 buckets are addressed as {@code /bucket/key} (most S3-compatible stores). */
  public boolean pathStyleAccess() {
    return pathStyleAccess;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long a socket read may wait for data. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** The budget of one API call, retries included; empty for none. */
  public Optional<Duration> apiCallTimeout() {
    return Optional.ofNullable(apiCallTimeout);
  }

  /** Attempts per API call, the first one included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AwsSettings other
        && region.equals(other.region)
        && Objects.equals(endpoint, other.endpoint)
        && credentialsSource == other.credentialsSource
        && Objects.equals(accessKeyId, other.accessKeyId)
        && Objects.equals(secretAccessKey, other.secretAccessKey)
        && Objects.equals(sessionToken, other.sessionToken)
        && pathStyleAccess == other.pathStyleAccess
        && connectTimeout.equals(other.connectTimeout)
        && readTimeout.equals(other.readTimeout)
        && Objects.equals(apiCallTimeout, other.apiCallTimeout)
        && maxAttempts == other.maxAttempts;
  }

  @Override
  public int hashCode() {
    return Objects.hash(region, endpoint, credentialsSource, accessKeyId, pathStyleAccess);
  }

  /** Never the secret or the token: settings end up in logs and job graph descriptions. */
  @Override
  public String toString() {
    return "AwsSettings{region="
        + region
        + (endpoint == null ? "" : ", endpoint=" + endpoint)
        + (credentialsSource == CredentialsSource.STATIC
            ? ", static credentials " + accessKeyId + (sessionToken == null ? "" : " with session")
            : ", default credentials")
        + (pathStyleAccess ? ", path-style" : "")
        + ", connect "
        + connectTimeout
        + ", read "
        + readTimeout
        + (apiCallTimeout == null ? "" : ", call " + apiCallTimeout)
        + ", attempts "
        + maxAttempts
        + '}';
  }

  /** Collects settings; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private String region;
    private URI endpoint;
    private CredentialsSource credentialsSource = CredentialsSource.DEFAULT_CHAIN;
    private String accessKeyId;
    private String secretAccessKey;
    private String sessionToken;
    private boolean pathStyleAccess;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration apiCallTimeout;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

    private Builder() {}

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** An endpoint other than AWS's (S3Proxy, kinesalite, the catalog bridge); null for AWS. */
    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** The SDK's default credentials chain (the default). */
    public Builder defaultCredentials() {
      this.credentialsSource = CredentialsSource.DEFAULT_CHAIN;
      this.accessKeyId = null;
      this.secretAccessKey = null;
      this.sessionToken = null;
      return this;
    }

    /** A fixed key and secret; both are required by {@link #build()}. */
    public Builder staticCredentials(String accessKeyId, String secretAccessKey) {
      return staticCredentials(accessKeyId, secretAccessKey, null);
    }

    /** Temporary credentials: key, secret and the session token that goes with them. */
    public Builder staticCredentials(
        String accessKeyId, String secretAccessKey, String sessionToken) {
      this.credentialsSource = CredentialsSource.STATIC;
      this.accessKeyId = accessKeyId;
      this.secretAccessKey = secretAccessKey;
      this.sessionToken = sessionToken;
      return this;
    }

    public Builder pathStyleAccess(boolean enabled) {
      this.pathStyleAccess = enabled;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /** A budget for one call with its retries; null for none (the default). */
    public Builder apiCallTimeout(Duration timeout) {
      this.apiCallTimeout = timeout;
      return this;
    }

    /** Attempts per call, the first one included; 1 turns retries off. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    public AwsSettings build() {
      if (region == null || region.isBlank()) {
        throw fail("a region is required", region);
      }
      if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
        throw fail("the endpoint needs a scheme and a host", endpoint);
      }
      if (credentialsSource == CredentialsSource.STATIC) {
        if (isEmpty(accessKeyId) || isEmpty(secretAccessKey)) {
          throw fail(
              "static credentials need both an access key id and a secret",
              isEmpty(accessKeyId) ? "no access key id" : accessKeyId);
        }
        if (sessionToken != null && sessionToken.isEmpty()) {
          throw fail("a session token cannot be empty", accessKeyId);
        }
      }
      requirePositive("connect timeout", connectTimeout);
      requirePositive("read timeout", readTimeout);
      if (apiCallTimeout != null) {
        requirePositive("API call timeout", apiCallTimeout);
      }
      if (maxAttempts < 1) {
        throw fail("max attempts must be at least 1", maxAttempts);
      }
      return new AwsSettings(this);
    }

    private static void requirePositive(String name, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw fail(name + " must be positive", value);
      }
    }

    private static boolean isEmpty(String value) {
      return value == null || value.isEmpty();
    }

    private static IllegalArgumentException fail(String reason, Object value) {
      return new IllegalArgumentException("Cannot build AWS settings: " + reason + ": " + value);
    }
  }
}
