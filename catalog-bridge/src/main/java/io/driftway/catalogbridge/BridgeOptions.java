package io.driftway.catalogbridge;

import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.platform.config.ConfigOption;
import io.driftway.platform.config.DataSize;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every configuration key of the catalog bridge, declared once. A {@code catalog serve} config file
 * spells them as nested YAML ({@code server: {port: 9047}}); see {@code docs} in the README.
 *
 * <pre>{@code
 * Configuration config = Configuration.builder(BridgeOptions.all())
 *     .set(BridgeOptions.SERVER_PORT, 0)
 *     .set(BridgeOptions.AUTH_MODE, AuthMode.NONE)
 *     .build();
 * }</pre>
 */
public final class BridgeOptions {

  private BridgeOptions() {}

  public static final ConfigOption<String> SERVER_HOST =
      ConfigOption.key("server.host")
          .stringType()
          .defaultValue("127.0.0.1")
          .description("Address the Glue API listens on; 0.0.0.0 for every interface.");

  public static final ConfigOption<Integer> SERVER_PORT =
      ConfigOption.key("server.port")
          .intType()
          .defaultValue(9047)
          .description("TCP port of the Glue API; 0 picks a free port.");

  public static final ConfigOption<Integer> SERVER_THREADS =
      ConfigOption.key("server.threads")
          .intType()
          .defaultValue(16)
          .description("Request threads; requests beyond these wait in line.");

  public static final ConfigOption<Integer> SERVER_BACKLOG =
      ConfigOption.key("server.backlog")
          .intType()
          .defaultValue(1024)
          .description("TCP connections queued by the kernel before the server accepts them.");

  public static final ConfigOption<DataSize> SERVER_MAX_REQUEST_SIZE =
      ConfigOption.key("server.max-request-size")
          .dataSizeType()
          .defaultValue(DataSize.ofMebibytes(16))
          .description("Largest request body accepted; larger ones get InvalidInputException.");

  public static final ConfigOption<Duration> SERVER_SHUTDOWN_GRACE =
      ConfigOption.key("server.shutdown-grace")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .description("How long running requests may finish when the bridge stops.");

  public static final ConfigOption<Path> SERVER_TLS_KEYSTORE =
      ConfigOption.key("server.tls.keystore")
          .pathType()
          .description(
              "Keystore with the server certificate; when set, the API serves HTTPS only.");

  public static final ConfigOption<String> SERVER_TLS_KEYSTORE_PASSWORD =
      ConfigOption.key("server.tls.keystore-password")
          .stringType()
          .description("Password of the keystore and its key (use ${NAME} in files).");

  public static final ConfigOption<String> SERVER_TLS_KEYSTORE_TYPE =
      ConfigOption.key("server.tls.keystore-type")
          .stringType()
          .defaultValue("PKCS12")
          .description("Keystore format: PKCS12 or JKS.");

  public static final ConfigOption<Boolean> SERVER_METRICS =
      ConfigOption.key("server.metrics")
          .booleanType()
          .defaultValue(true)
          .description(
              "Serve GET /metrics (Prometheus text format) without authentication, like /health;"
                  + " false for none.");

  public static final ConfigOption<Boolean> SERVER_CONSOLE =
      ConfigOption.key("server.console")
          .booleanType()
          .defaultValue(true)
          .description(
              "Serve the web console under /console (sign-in with the auth.principals keys);"
                  + " false for none.");

  public static final ConfigOption<AuthMode> AUTH_MODE =
      ConfigOption.key("auth.mode")
          .enumType(AuthMode.class)
          .defaultValue(AuthMode.SIGV4)
          .description(
              "sigv4 verifies AWS Signature V4 against auth.principals; none admits everyone as"
                  + " admin and is refused unless server.host is a loopback address.");

  public static final ConfigOption<String> AUTH_REGION =
      ConfigOption.key("auth.region")
          .stringType()
          .defaultValue("us-east-1")
          .description("Region a signature's credential scope must name (service is glue).");

  public static final ConfigOption<Duration> AUTH_CLOCK_SKEW =
      ConfigOption.key("auth.clock-skew")
          .durationType()
          .defaultValue(Duration.ofMinutes(15))
          .description("Largest difference between a request's X-Amz-Date and the server clock.");

  public static final ConfigOption<List<Principal>> AUTH_PRINCIPALS =
      ConfigOption.key("auth.principals")
          .structuredType(
              "list of {name, access-key-id, secret-access-key, databases: {<db or *>:"
                  + " read-only|admin}}",
              Principal::parseList,
              principals -> principals.stream().map(Principal::name).toList().toString())
          .defaultValue(List.of())
          .description("Access keys and their rights per database (\"*\" for every database).");

  public static final ConfigOption<String> CATALOG_ID =
      ConfigOption.key("catalog.id")
          .stringType()
          .defaultValue("000000000000")
          .description("The CatalogId (AWS account id) the bridge answers as; others are refused.");

  public static final ConfigOption<Integer> CATALOG_MAX_ARCHIVED_VERSIONS =
      ConfigOption.key("catalog.max-archived-versions")
          .intType()
          .defaultValue(1000)
          .description("Archived table versions kept per table; older ones are dropped.");

  public static final ConfigOption<String> STORE_URL =
      ConfigOption.key("store.url")
          .stringType()
          .defaultValue("jdbc:h2:file:./driftway-catalog/catalog")
          .description(
              "JDBC URL of the store: jdbc:h2:file:<path> (embedded, the default) or"
                  + " jdbc:postgresql://host:port/db.");

  public static final ConfigOption<String> STORE_USER =
      ConfigOption.key("store.user").stringType().description("Database user of the store.");

  public static final ConfigOption<String> STORE_PASSWORD =
      ConfigOption.key("store.password")
          .stringType()
          .description("Database password of the store (use ${NAME} in files).");

  public static final ConfigOption<Integer> STORE_POOL_SIZE =
      ConfigOption.key("store.pool-size")
          .intType()
          .defaultValue(16)
          .description("Database connections kept open.");

  public static final ConfigOption<Duration> STORE_CONNECTION_TIMEOUT =
      ConfigOption.key("store.connection-timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .description("How long a request waits for a free database connection.");

  public static final ConfigOption<Boolean> ICEBERG_SYNC_COLUMNS =
      ConfigOption.key("iceberg.sync-columns")
          .booleanType()
          .defaultValue(true)
          .description(
              "On each Iceberg table write, replace the Glue columns with the Iceberg schema read"
                  + " from metadata_location.");

  public static final ConfigOption<URI> STORAGE_S3_ENDPOINT =
      ConfigOption.key("storage.s3.endpoint")
          .uriType()
          .description("S3 endpoint for s3:// locations; unset for AWS S3 itself.");

  public static final ConfigOption<String> STORAGE_S3_REGION =
      ConfigOption.key("storage.s3.region")
          .stringType()
          .defaultValue("us-east-1")
          .description("Region for S3 requests.");

  public static final ConfigOption<String> STORAGE_S3_ACCESS_KEY_ID =
      ConfigOption.key("storage.s3.access-key-id")
          .stringType()
          .description("S3 access key; unset to use the AWS default credentials chain.");

  public static final ConfigOption<String> STORAGE_S3_SECRET_ACCESS_KEY =
      ConfigOption.key("storage.s3.secret-access-key")
          .stringType()
          .description("S3 secret key (use ${NAME} in files).");

  public static final ConfigOption<Boolean> STORAGE_S3_PATH_STYLE_ACCESS =
      ConfigOption.key("storage.s3.path-style-access")
          .booleanType()
          .defaultValue(false)
          .description("Address buckets as paths (needed by most S3-compatible stores).");

  public static final ConfigOption<Boolean> EVENTS_LOG =
      ConfigOption.key("events.log")
          .booleanType()
          .defaultValue(true)
          .description("Log every catalog change event (logger io.driftway.catalogbridge.events).");

  public static final ConfigOption<URI> EVENTS_WEBHOOK_URL =
      ConfigOption.key("events.webhook.url")
          .uriType()
          .description("POST every catalog change event as JSON to this URL.");

  public static final ConfigOption<Duration> EVENTS_WEBHOOK_TIMEOUT =
      ConfigOption.key("events.webhook.timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .description("Timeout of one webhook delivery attempt.");

  public static final ConfigOption<Integer> EVENTS_QUEUE_CAPACITY =
      ConfigOption.key("events.queue-capacity")
          .intType()
          .defaultValue(10_000)
          .description("Events waiting for delivery; beyond this, new events are dropped.");

  private static final List<ConfigOption<?>> ALL =
      List.of(
          SERVER_HOST,
          SERVER_PORT,
          SERVER_THREADS,
          SERVER_BACKLOG,
          SERVER_MAX_REQUEST_SIZE,
          SERVER_SHUTDOWN_GRACE,
          SERVER_METRICS,
          SERVER_CONSOLE,
          SERVER_TLS_KEYSTORE,
          SERVER_TLS_KEYSTORE_PASSWORD,
          SERVER_TLS_KEYSTORE_TYPE,
          AUTH_MODE,
          AUTH_REGION,
          AUTH_CLOCK_SKEW,
          AUTH_PRINCIPALS,
          CATALOG_ID,
          CATALOG_MAX_ARCHIVED_VERSIONS,
          STORE_URL,
          STORE_USER,
          STORE_PASSWORD,
          STORE_POOL_SIZE,
          STORE_CONNECTION_TIMEOUT,
          ICEBERG_SYNC_COLUMNS,
          STORAGE_S3_ENDPOINT,
          STORAGE_S3_REGION,
          STORAGE_S3_ACCESS_KEY_ID,
          STORAGE_S3_SECRET_ACCESS_KEY,
          STORAGE_S3_PATH_STYLE_ACCESS,
          EVENTS_LOG,
          EVENTS_WEBHOOK_URL,
          EVENTS_WEBHOOK_TIMEOUT,
          EVENTS_QUEUE_CAPACITY);

  /** Every option, in the order of the config file reference. */
  public static List<ConfigOption<?>> all() {
    return ALL;
  }
}
