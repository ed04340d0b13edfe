package io.driftway.streamjobs.cli.catalog;

import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.catalogbridge.storage.S3Settings;
import io.driftway.platform.config.ConfigOption;
import io.driftway.platform.config.Configuration;
import io.driftway.streamjobs.crawl.BridgeCrawlerRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftway catalog serve}: runs the catalog bridge until the process is stopped (SIGTERM or
 * Ctrl-C stop it gracefully). Flags override the config file.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the Glue Data Catalog API (AWS JSON 1.1) until stopped. GET /health answers 200 when"
          + " the store is reachable.",
      "Without --config: loopback, port 9047, an embedded store in ./driftway-catalog.",
      "StartCrawler runs a real crawl (see `driftway crawl`); s3:// targets are read with the"
          + " storage.s3.* keys."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML config file (keys: see catalog-bridge/catalog.example.yaml).")
  Path config;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Listen address (server.host).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Listen port, 0 for a free one (server.port).")
  Integer port;

  @Option(
      names = "--auth",
      paramLabel = "MODE",
      description = "sigv4 or none; none is allowed on loopback only (auth.mode).")
  String auth;

  @Option(
      names = "--store-url",
      paramLabel = "JDBC_URL",
      description = "jdbc:h2:file:<path> or jdbc:postgresql://... (store.url).")
  String storeUrl;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Any other config key, e.g. --set events.webhook.url=http://...")
  java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

  @Option(
      names = "--flink",
      paramLabel = "<rest-url>",
      description =
          "Run job runs (StartJobRun backfills) on this Flink cluster; default: an embedded"
              + " MiniCluster per run, in this process.")
  java.net.URI flink;

  @Option(
      names = "--console-pipeline",
      paramLabel = "<pipeline.yaml>",
      description =
          "A pipeline file whose tables' quarantines the console shows, replays and approves"
              + " (repeat for several pipelines); e.g. --console-pipeline events.yaml")
  java.util.List<Path> consolePipelines = new java.util.ArrayList<>();

  private volatile CatalogBridge bridge;

  /** Job runs are Driftway backfills on Flink. */
  private io.driftway.catalogbridge.jobs.JobRunLauncher jobLauncher() {
    return flink == null
        ? io.driftway.streamjobs.backfill.BackfillLauncher.embedded()
        : io.driftway.streamjobs.backfill.BackfillLauncher.remote(
            flink, io.driftway.streamjobs.cli.SubmitCommand.jobJars());
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CatalogBridge started;
    try {
      Configuration configuration = configuration();
      started =
          CatalogBridge.builder(configuration)
              .crawlerRunner(new BridgeCrawlerRunner(s3Settings(configuration)))
              .jobLauncher(jobLauncher())
              .quarantine(io.driftway.streamjobs.cli.PipelineQuarantine.of(consolePipelines))
              .start();
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      err.println(e.getMessage());
      err.flush();
      return 2;
    }
    bridge = started;
    Thread hook = new Thread(started::close, "driftway-catalog-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(
        "Catalog bridge ready: "
            + started.endpoint()
            + " (health: "
            + started.endpoint().resolve("/health")
            + (started.configuration().get(BridgeOptions.SERVER_CONSOLE)
                ? ", web console: " + started.endpoint().resolve("/console")
                : "")
            + ")");
    out.flush();
    started.awaitClose();
    return 0;
  }

  Configuration configuration() {
    Configuration base =
        config == null
            ? Configuration.defaults(BridgeOptions.all())
            : Configuration.fromYaml(config, BridgeOptions.all());
    Configuration.Builder builder = base.toBuilder();
    settings.forEach(builder::setText);
    set(builder, BridgeOptions.SERVER_HOST, host);
    set(builder, BridgeOptions.SERVER_PORT, port);
    set(builder, BridgeOptions.STORE_URL, storeUrl);
    if (auth != null) {
      builder.set(BridgeOptions.AUTH_MODE, ConfigOption.parseEnum(AuthMode.class, auth));
    }
    return builder.build();
  }

  /** The bridge's storage.s3.* keys: where crawlers read s3:// targets. */
  private static S3Settings s3Settings(Configuration config) {
    return new S3Settings(
        config.getOptional(BridgeOptions.STORAGE_S3_ENDPOINT).orElse(null),
        config.get(BridgeOptions.STORAGE_S3_REGION),
        config.getOptional(BridgeOptions.STORAGE_S3_ACCESS_KEY_ID).orElse(null),
        config.getOptional(BridgeOptions.STORAGE_S3_SECRET_ACCESS_KEY).orElse(null),
        config.get(BridgeOptions.STORAGE_S3_PATH_STYLE_ACCESS));
  }

  private static <T> void set(Configuration.Builder builder, ConfigOption<T> option, T value) {
    if (value != null) {
      builder.set(option, value);
    }
  }

  /** The running bridge, null until started (tests wait on it). */
  CatalogBridge bridge() {
    return bridge;
  }
}
