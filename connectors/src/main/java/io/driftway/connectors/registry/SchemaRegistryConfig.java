package io.driftway.connectors.registry;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Where the registry is and how to talk to it: base URL, optional basic-auth user info, timeouts,
 * cache size. Immutable and serializable, so a Flink function can carry it and create its client in
 * {@code open()}.
 *
 * <pre>{@code
 * SchemaRegistryConfig config =
 *     SchemaRegistryConfig.builder("https://registry.example.com:8081")
 *         .basicAuth("etl", secret)
 *         .readTimeout(Duration.ofSeconds(10))
 *         .build();
 * SchemaRegistryClient registry = SchemaRegistryClient.create(config);
 * }</pre>
 */
public final class SchemaRegistryConfig implements Serializable {

  private static final long serialVersionUID = 1L;

  private final URI baseUrl;
  private final String userInfo;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int cacheCapacity;

  private SchemaRegistryConfig(Builder builder, URI baseUrl, String userInfo) {
    this.baseUrl = baseUrl;
    this.userInfo = userInfo;
    this.connectTimeout = builder.connectTimeout;
    this.readTimeout = builder.readTimeout;
    this.cacheCapacity = builder.cacheCapacity;
  }

  /** A builder for the registry at {@code url}, e.g. {@code http://127.0.0.1:8081}. */
  public static Builder builder(String url) {
    return new Builder(Objects.requireNonNull(url, "url"));
  }

  /** The registry's base URL without credentials and without a trailing slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** {@code user:password} for basic auth, if any. */
  public Optional<String> userInfo() {
    return Optional.ofNullable(userInfo);
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  public int cacheCapacity() {
    return cacheCapacity;
  }

  @Override
  public String toString() {
    // Never the password: configurations end up in logs and job descriptions.
    return "SchemaRegistryConfig{"
        + baseUrl
        + (userInfo == null ? "" : ", user=" + userInfo.substring(0, userInfo.indexOf(':')))
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", cacheCapacity="
        + cacheCapacity
        + '}';
  }

  /**
   * Collects settings; {@link #build()} validates them. Credentials may be given in the URL ({@code
   * https://user:password@host}) or with {@link #basicAuth}/{@link #userInfo}, not both.
   */
  public static final class Builder {

    private static final String CANNOT = "Cannot build schema registry client: ";

    private final String url;
    private String userInfo;
    private Duration connectTimeout = SchemaRegistryOptions.CONNECT_TIMEOUT.defaultValue();
    private Duration readTimeout = SchemaRegistryOptions.READ_TIMEOUT.defaultValue();
    private int cacheCapacity = SchemaRegistryOptions.CACHE_CAPACITY.defaultValue();

    private Builder(String url) {
      this.url = url;
    }

    /** Basic auth with {@code user} and {@code password}. */
    public Builder basicAuth(String user, String password) {
      return userInfo(
          Objects.requireNonNull(user, "user")
              + ':'
              + Objects.requireNonNull(password, "password"));
    }

    /** Basic auth from Confluent's {@code basic.auth.user.info} form, {@code user:password}. */
    public Builder userInfo(String userInfo) {
      this.userInfo = Objects.requireNonNull(userInfo, "userInfo");
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Most parsed schemas kept by id. */
    public Builder cacheCapacity(int capacity) {
      this.cacheCapacity = capacity;
      return this;
    }

    /** Applies every {@link SchemaRegistryOptions} key set in {@code config}. */
    public Builder configure(ReadableConfig config) {
      config.getOptional(SchemaRegistryOptions.CONNECT_TIMEOUT).ifPresent(this::connectTimeout);
      config.getOptional(SchemaRegistryOptions.READ_TIMEOUT).ifPresent(this::readTimeout);
      config.getOptional(SchemaRegistryOptions.CACHE_CAPACITY).ifPresent(this::cacheCapacity);
      return this;
    }

    public SchemaRegistryConfig build() {
      URI parsed;
      try {
        parsed = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(CANNOT + "not a URL: " + url, e);
      }
      String scheme = parsed.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException(CANNOT + "URL must be http or https: " + url);
      }
      if (parsed.getHost() == null) {
        throw new IllegalArgumentException(CANNOT + "URL has no host: " + url);
      }
      URI base;
      try {
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        base =
            new URI(parsed.getScheme() + "://" + hostAndPort(parsed) + path.replaceAll("/+$", ""));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(CANNOT + "not a URL: " + url, e);
      }
      String credentials = userInfo;
      if (parsed.getRawUserInfo() != null) {
        if (credentials != null) {
          throw new IllegalArgumentException(
              CANNOT + "credentials given twice, in the URL and as basic auth: " + base);
        }
        credentials = URLDecoder.decode(parsed.getRawUserInfo(), StandardCharsets.UTF_8);
      }
      if (credentials != null && credentials.indexOf(':') < 1) {
        // The value is a secret: name the rule, not the value.
        throw new IllegalArgumentException(
            CANNOT + "user info must read <user>:<password>: for " + base);
      }
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException(
            CANNOT + "connect timeout must be positive: " + connectTimeout);
      }
      if (readTimeout.isNegative() || readTimeout.isZero()) {
        throw new IllegalArgumentException(
            CANNOT + "read timeout must be positive: " + readTimeout);
      }
      if (cacheCapacity < 1) {
        throw new IllegalArgumentException(
            CANNOT + "cache capacity must be at least 1: " + cacheCapacity);
      }
      return new SchemaRegistryConfig(this, base, credentials);
    }

    private static String hostAndPort(URI uri) {
      return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ':' + uri.getPort();
    }
  }
}
