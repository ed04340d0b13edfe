package io.driftway.catalogbridge.store;

import java.time.Duration;

/**
 * Where the catalog lives and how the store talks to it.
 *
 * <pre>{@code
 * StoreSettings embedded = StoreSettings.of("jdbc:h2:file:/var/lib/driftway/catalog");
 * StoreSettings production = new StoreSettings(
 *     "jdbc:postgresql://db:5432/catalog", "driftway", secret, 16, Duration.ofSeconds(10),
 *     1000, "123456789012");
 * }</pre>
 *
 * @param url a JDBC URL: {@code jdbc:h2:...} (embedded) or {@code jdbc:postgresql:...}
 * @param maxArchivedVersions older table versions beyond this many per table are dropped
 * @param catalogId the {@code CatalogId} every returned shape carries
 */
public record StoreSettings(
    String url,
    String user,
    String password,
    int poolSize,
    Duration connectionTimeout,
    int maxArchivedVersions,
    String catalogId) {

  public StoreSettings {
    Dialect.of(url);
    if (poolSize < 1) {
      throw new IllegalArgumentException(
          "Cannot open catalog store: pool size must be >= 1: " + poolSize);
    }
    if (maxArchivedVersions < 0) {
      throw new IllegalArgumentException(
          "Cannot open catalog store: max archived versions must be >= 0: " + maxArchivedVersions);
    }
  }

  /** A store at {@code url} with no credentials and everyday defaults. */
  public static StoreSettings of(String url) {
    return new StoreSettings(url, null, null, 8, Duration.ofSeconds(10), 1000, "000000000000");
  }

  /** Keeps the password out of logs. */
  @Override
  public String toString() {
    return "StoreSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
  }
}
