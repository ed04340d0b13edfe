package io.driftway.catalogbridge;

import io.driftway.catalogbridge.api.CommitFaults;
import io.driftway.catalogbridge.api.GlueApi;
import io.driftway.catalogbridge.api.TableInputHook;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.catalogbridge.auth.Authenticator;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.console.Console;
import io.driftway.catalogbridge.console.ConsoleContext;
import io.driftway.catalogbridge.console.quarantine.QuarantineAccess;
import io.driftway.catalogbridge.crawlers.CrawlerRegistry;
import io.driftway.catalogbridge.crawlers.CrawlerRunner;
import io.driftway.catalogbridge.events.CatalogEventSink;
import io.driftway.catalogbridge.events.EventDispatcher;
import io.driftway.catalogbridge.events.LogEventSink;
import io.driftway.catalogbridge.events.WebhookEventSink;
import io.driftway.catalogbridge.http.GlueServer;
import io.driftway.catalogbridge.http.ServerSettings;
import io.driftway.catalogbridge.iceberg.GlueCatalogProperties;
import io.driftway.catalogbridge.iceberg.IcebergColumnSync;
import io.driftway.catalogbridge.jobs.JobRegistry;
import io.driftway.catalogbridge.jobs.JobRunLauncher;
import io.driftway.catalogbridge.metrics.BridgeMetrics;
import io.driftway.catalogbridge.storage.S3Settings;
import io.driftway.catalogbridge.storage.WarehouseFiles;
import io.driftway.catalogbridge.store.CatalogStore;
import io.driftway.catalogbridge.store.StoreSettings;
import io.driftway.platform.config.Configuration;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Driftway catalog bridge: a Glue Data Catalog service (AWS JSON 1.1) over its store, running
 * in this JVM until closed. The AWS CLI, boto3, the AWS SDKs and Iceberg's {@code GlueCatalog} use
 * it with an endpoint override.
 *
 * <pre>{@code
 * Configuration config = Configuration.builder(BridgeOptions.all())
 *     .set(BridgeOptions.SERVER_PORT, 0)                       // a free port
 *     .set(BridgeOptions.AUTH_MODE, AuthMode.NONE)             // loopback only
 *     .set(BridgeOptions.STORE_URL, "jdbc:h2:file:" + dir.resolve("catalog"))
 *     .build();
 * try (CatalogBridge bridge = CatalogBridge.start(config)) {
 *   Map<String, String> iceberg = bridge.glueCatalogProperties("file:" + warehouse, "any", "any");
 *   ...
 * }
 * }</pre>
 */
public final class CatalogBridge implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogBridge.class);

  private final Configuration config;
  private final CatalogStore store;
  private final WarehouseFiles files;
  private final EventDispatcher events;
  private final JobRegistry jobs;
  private final CrawlerRegistry crawlers;
  private final GlueServer server;
  private final GlueApi api;
  private final CountDownLatch closed = new CountDownLatch(1);

  private CatalogBridge(
      Configuration config,
      CatalogStore store,
      WarehouseFiles files,
      EventDispatcher events,
      JobRegistry jobs,
      CrawlerRegistry crawlers,
      GlueApi api,
      GlueServer server) {
    this.config = config;
    this.jobs = jobs;
    this.crawlers = crawlers;
    this.store = store;
    this.files = files;
    this.events = events;
    this.api = api;
    this.server = server;
  }

  /** Starts the bridge as configured; see {@link BridgeOptions} for every key. */
  public static CatalogBridge start(Configuration config) {
    return builder(config).start();
  }

  /**
   * A bridge with parts plugged in: extra event sinks, the engine that runs job runs, the one that
   * runs crawls. Without a launcher or runner, StartJobRun and StartCrawler record a FAILED run or
   * crawl whose {@code ErrorMessage} says what to configure.
   *
   * <pre>{@code
   * try (CatalogBridge bridge = CatalogBridge.builder(config)
   *     .jobLauncher(new FlinkBackfillLauncher(...))
   *     .crawlerRunner(new S3Crawler(...))
   *     .start()) {
   *   bridge.awaitClose();
   * }
   * }</pre>
   */
  public static Builder builder(Configuration config) {
    return new Builder(config);
  }

  /**
   * Starts the bridge and also delivers change events to {@code extraSinks} (for example the
   * pipeline's alerts).
   *
   * @throws IllegalArgumentException when the configuration is inconsistent
   * @throws IllegalStateException when the store cannot be opened
   */
  public static CatalogBridge start(Configuration config, List<CatalogEventSink> extraSinks) {
    return builder(config).eventSinks(extraSinks).start();
  }

  /** Plugs parts into a bridge before it starts; see {@link CatalogBridge#builder}. */
  public static final class Builder {
    private final Configuration config;
    private final List<CatalogEventSink> extraSinks = new ArrayList<>();
    private JobRunLauncher jobLauncher = JobRunLauncher.unconfigured();
    private CrawlerRunner crawlerRunner = CrawlerRunner.unconfigured();
    private CommitFaults commitFaults;
    private QuarantineAccess quarantine = QuarantineAccess.none();

    private Builder(Configuration config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Also delivers change events to {@code sinks} (for example the pipeline's alerts). */
    public Builder eventSinks(List<CatalogEventSink> sinks) {
      extraSinks.addAll(sinks);
      return this;
    }

    /** Runs StartJobRun's runs with {@code launcher}. */
    public Builder jobLauncher(JobRunLauncher launcher) {
      this.jobLauncher = Objects.requireNonNull(launcher, "launcher");
      return this;
    }

    /** Runs StartCrawler's crawls with {@code runner}. */
    public Builder crawlerRunner(CrawlerRunner runner) {
      this.crawlerRunner = Objects.requireNonNull(runner, "runner");
      return this;
    }

    /** Lets the console read and act on the quarantines {@code access} knows. */
    public Builder quarantine(QuarantineAccess access) {
      this.quarantine = Objects.requireNonNull(access, "access");
      return this;
    }

    /**
     * Test configuration only: injects {@code faults} into UpdateTable (failed commits, commits
     * applied but unanswered). No configuration key reaches this; see {@link CommitFaults}.
     */
    public Builder commitFaults(CommitFaults faults) {
      this.commitFaults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /**
     * Starts the bridge.
     *
     * @throws IllegalArgumentException when the configuration is inconsistent
     * @throws IllegalStateException when the store cannot be opened
     */
    public CatalogBridge start() {
      return CatalogBridge.start(
          config, List.copyOf(extraSinks), jobLauncher, crawlerRunner, commitFaults, quarantine);
    }
  }

  private static CatalogBridge start(
      Configuration config,
      List<CatalogEventSink> extraSinks,
      JobRunLauncher jobLauncher,
      CrawlerRunner crawlerRunner,
      CommitFaults commitFaults,
      QuarantineAccess quarantine) {
    validate(config);
    StoreSettings storeSettings =
        new StoreSettings(
            config.get(BridgeOptions.STORE_URL),
            config.getOptional(BridgeOptions.STORE_USER).orElse(null),
            config.getOptional(BridgeOptions.STORE_PASSWORD).orElse(null),
            config.get(BridgeOptions.STORE_POOL_SIZE),
            config.get(BridgeOptions.STORE_CONNECTION_TIMEOUT),
            config.get(BridgeOptions.CATALOG_MAX_ARCHIVED_VERSIONS),
            config.get(BridgeOptions.CATALOG_ID));
    CatalogStore store = CatalogStore.open(storeSettings);
    WarehouseFiles files = WarehouseFiles.create(s3Settings(config));
    EventDispatcher events = null;
    JobRegistry jobs = null;
    CrawlerRegistry crawlers = null;
    try {
      events =
          EventDispatcher.start(
              sinks(config, extraSinks), config.get(BridgeOptions.EVENTS_QUEUE_CAPACITY));
      TableInputHook hook =
          config.get(BridgeOptions.ICEBERG_SYNC_COLUMNS)
              ? new IcebergColumnSync(files)
              : TableInputHook.none();
      // Runs and crawls learn the endpoint once the server is up (it may bind a free port).
      AtomicReference<URI> endpoint = new AtomicReference<>();
      String region = config.get(BridgeOptions.AUTH_REGION);
      String catalogId = config.get(BridgeOptions.CATALOG_ID);
      jobs = JobRegistry.start(store, jobLauncher, endpoint::get, region);
      // Crawls write through the catalog operations alone, which need neither registry.
      GlueApi catalog = GlueApi.create(store, catalogId, hook, events);
      crawlers = CrawlerRegistry.start(store, crawlerRunner, catalog::call, endpoint::get, region);
      GlueApi api = GlueApi.create(store, catalogId, hook, events, jobs, crawlers);
      if (commitFaults != null) {
        LOG.warn("Catalog bridge injects commit faults (test configuration)");
        api = commitFaults.wrap(api);
      }
      BridgeMetrics metrics =
          config.get(BridgeOptions.SERVER_METRICS)
              ? BridgeMetrics.create(api.operations(), store::countJobRunsByState)
              : null;
      Authenticator authenticator = authenticator(config);
      GlueApi driftway = GlueApi.driftway(store, Clock.systemUTC());
      Console console =
          config.get(BridgeOptions.SERVER_CONSOLE)
              ? Console.create(
                  new ConsoleContext(api, driftway, files, Clock.systemUTC(), quarantine),
                  authenticator,
                  config.get(BridgeOptions.AUTH_MODE) == AuthMode.NONE,
                  config.getOptional(BridgeOptions.SERVER_TLS_KEYSTORE).isPresent())
              : null;
      GlueServer server =
          GlueServer.start(
              serverSettings(config),
              api,
              authenticator,
              store::isHealthy,
              metrics,
              console,
              driftway);
      endpoint.set(server.endpoint());
      LOG.info(
          "Catalog bridge serving the Glue API at {} (auth {}, region {}, store {}, {} operations)",
          server.endpoint(),
          config.get(BridgeOptions.AUTH_MODE).name().toLowerCase(java.util.Locale.ROOT),
          config.get(BridgeOptions.AUTH_REGION),
          storeSettings.url(),
          api.operations().size());
      return new CatalogBridge(config, store, files, events, jobs, crawlers, api, server);
    } catch (RuntimeException e) {
      if (crawlers != null) {
        crawlers.close();
      }
      if (jobs != null) {
        jobs.close();
      }
      if (events != null) {
        events.close();
      }
      files.close();
      store.close();
      throw e;
    }
  }

  /** Where Glue clients send requests, e.g. {@code http://127.0.0.1:9047}. */
  public URI endpoint() {
    return server.endpoint();
  }

  /** The region clients must sign for ({@code auth.region}). */
  public String region() {
    return config.get(BridgeOptions.AUTH_REGION);
  }

  /** The job runs of this bridge: active runs, and starting or stopping them in this JVM. */
  public JobRegistry jobs() {
    return jobs;
  }

  /** The operations this bridge serves. */
  public GlueApi api() {
    return api;
  }

  /** The configuration the bridge runs with. */
  public Configuration configuration() {
    return config;
  }

  /**
   * Catalog properties for Iceberg's {@code GlueCatalog} on this bridge, signing with the given key
   * (any non-empty key when {@code auth.mode} is none). Add {@code io-impl} and its settings for
   * the warehouse.
   */
  public Map<String, String> glueCatalogProperties(
      String warehouse, String accessKeyId, String secretAccessKey) {
    return GlueCatalogProperties.forBridge(
        endpoint(), region(), accessKeyId, secretAccessKey, warehouse);
  }

  /** Blocks until {@link #close()} is called (by a shutdown hook, for a long-running service). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  @Override
  public synchronized void close() {
    if (closed.getCount() == 0) {
      return;
    }
    try {
      server.close();
      // Before the store closes: stopped runs and cancelled crawls are recorded.
      crawlers.close();
      jobs.close();
      events.close();
      files.close();
      store.close();
      LOG.info("Catalog bridge at {} stopped", server.endpoint());
    } finally {
      closed.countDown();
    }
  }

  private static void validate(Configuration config) {
    AuthMode mode = config.get(BridgeOptions.AUTH_MODE);
    String host = config.get(BridgeOptions.SERVER_HOST);
    if (mode == AuthMode.NONE && !isLoopback(host)) {
      throw new IllegalArgumentException(
          "Cannot start catalog bridge: auth.mode none is allowed only on a loopback address"
              + " (127.0.0.1, ::1, localhost); configure auth.principals or bind loopback: "
              + host);
    }
    if (mode == AuthMode.SIGV4 && config.get(BridgeOptions.AUTH_PRINCIPALS).isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot start catalog bridge: auth.mode sigv4 needs at least one entry in"
              + " auth.principals (or auth.mode none on loopback): "
              + host);
    }
    if (config.getOptional(BridgeOptions.SERVER_TLS_KEYSTORE).isPresent()
        && config.getOptional(BridgeOptions.SERVER_TLS_KEYSTORE_PASSWORD).isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot start catalog bridge: server.tls.keystore needs server.tls.keystore-password: "
              + config.get(BridgeOptions.SERVER_TLS_KEYSTORE));
    }
  }

  static boolean isLoopback(String host) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      for (InetAddress address : addresses) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static ServerSettings serverSettings(Configuration config) {
    Path keystore = config.getOptional(BridgeOptions.SERVER_TLS_KEYSTORE).orElse(null);
    return new ServerSettings(
        config.get(BridgeOptions.SERVER_HOST),
        config.get(BridgeOptions.SERVER_PORT),
        config.get(BridgeOptions.SERVER_THREADS),
        config.get(BridgeOptions.SERVER_BACKLOG),
        config.get(BridgeOptions.SERVER_MAX_REQUEST_SIZE),
        keystore,
        config.getOptional(BridgeOptions.SERVER_TLS_KEYSTORE_PASSWORD).orElse(null),
        config.get(BridgeOptions.SERVER_TLS_KEYSTORE_TYPE),
        config.get(BridgeOptions.SERVER_SHUTDOWN_GRACE));
  }

  private static Authenticator authenticator(Configuration config) {
    if (config.get(BridgeOptions.AUTH_MODE) == AuthMode.NONE) {
      LOG.warn("Catalog bridge authentication is OFF (auth.mode none): every caller is an admin");
      return Authenticator.none();
    }
    List<Principal> principals = config.get(BridgeOptions.AUTH_PRINCIPALS);
    return Authenticator.sigV4(
        principals,
        config.get(BridgeOptions.AUTH_REGION),
        config.get(BridgeOptions.AUTH_CLOCK_SKEW),
        Clock.systemUTC());
  }

  private static S3Settings s3Settings(Configuration config) {
    return new S3Settings(
        config.getOptional(BridgeOptions.STORAGE_S3_ENDPOINT).orElse(null),
        config.get(BridgeOptions.STORAGE_S3_REGION),
        config.getOptional(BridgeOptions.STORAGE_S3_ACCESS_KEY_ID).orElse(null),
        config.getOptional(BridgeOptions.STORAGE_S3_SECRET_ACCESS_KEY).orElse(null),
        config.get(BridgeOptions.STORAGE_S3_PATH_STYLE_ACCESS));
  }

  private static List<CatalogEventSink> sinks(
      Configuration config, List<CatalogEventSink> extraSinks) {
    String account = config.get(BridgeOptions.CATALOG_ID);
    String region = config.get(BridgeOptions.AUTH_REGION);
    List<CatalogEventSink> sinks = new ArrayList<>();
    if (config.get(BridgeOptions.EVENTS_LOG)) {
      sinks.add(new LogEventSink(account, region));
    }
    config
        .getOptional(BridgeOptions.EVENTS_WEBHOOK_URL)
        .ifPresent(
            url ->
                sinks.add(
                    new WebhookEventSink(
                        url, config.get(BridgeOptions.EVENTS_WEBHOOK_TIMEOUT), account, region)));
    sinks.addAll(extraSinks);
    return sinks;
  }
}
