package io.driftway.streamjobs.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.embedded.process.FreePorts;
import io.driftway.platform.config.Configuration;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.s3.S3ProxyProcess;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code driftway run} with its warehouse and checkpoint storage on S3 (S3Proxy in a JVM of its
 * own, the catalog bridge as the catalog): Flink writes retained checkpoints to S3, a SIGKILLed run
 * resumes from the newest completed one there, and S3 itself may die and come back while records
 * flow. Every record ends in the table or its quarantine exactly once.
 */
@ExtendWith(KafkaExtension.class)
class S3FaultsIT {

  private static final int BATCH = 150;
  private static final TableIdentifier EVENTS = TableIdentifier.of("s3faults", "events");
  private static final Pattern RESUMED = Pattern.compile("resumed from (s3://\\S+/chk-\\d+)\\.");

  @Test
  void sigkillOfTheRunJvmResumesFromTheNewestCheckpointOnS3(KafkaBroker kafka, @TempDir Path dir)
      throws Exception {
    try (S3ProxyProcess s3 = S3ProxyProcess.start(Files.createDirectories(dir.resolve("s3")));
        Lake lake = Lake.start(s3, kafka, dir)) {
      PipelineHarness.produce(kafka, lake.topic, FaultChecks.drifting(0, BATCH));
      Process first = RunProcess.start(lake.file, dir, "first", "--metrics-port", "off");
      try {
        PipelineHarness.awaitRows(lake.catalog, EVENTS, 1);
        PipelineHarness.produce(kafka, lake.topic, FaultChecks.drifting(BATCH, 2 * BATCH));
        // A completed checkpoint on S3 is what the next run must find.
        await().atMost(Duration.ofMinutes(1)).until(() -> !lake.completedCheckpoints().isEmpty());
      } finally {
        // SIGKILL: the JVM gets no chance to stop, flush or commit anything.
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(first.exitValue()).isEqualTo(137);
      List<String> left = lake.completedCheckpoints();

      PipelineHarness.produce(kafka, lake.topic, FaultChecks.drifting(2 * BATCH, 3 * BATCH));
      Process second = RunProcess.start(lake.file, dir, "second", "--metrics-port", "off");
      try {
        FaultChecks.awaitExactlyOnce(lake.catalog, lake.spec, EVENTS, 3 * BATCH);
      } finally {
        second.destroyForcibly();
        second.waitFor(30, TimeUnit.SECONDS);
      }
      String said = Files.readString(dir.resolve("second-out.txt"));
      // For the CI log: which checkpoint the second run resumed from, and what the first left.
      System.out.println(said.lines().findFirst().orElse("") + " (completed on S3: " + left + ")");
      Matcher resumed = RESUMED.matcher(said);
      assertThat(resumed.find()).as("second run resumed from a checkpoint on S3").isTrue();
      // The newest of those the killed run left complete, never one cut short.
      assertThat(resumed.group(1) + "/_metadata").isEqualTo(newest(left));
    }
  }

  @Test
  void s3KilledAndRestartedWhileRecordsFlowLosesAndDuplicatesNothing(
      KafkaBroker kafka, @TempDir Path dir) throws Exception {
    try (S3ProxyProcess s3 = S3ProxyProcess.start(Files.createDirectories(dir.resolve("s3")));
        Lake lake = Lake.start(s3, kafka, dir)) {
      PipelineHarness.produce(kafka, lake.topic, FaultChecks.drifting(0, BATCH));
      int metricsPort = FreePorts.next();
      Process run =
          RunProcess.start(lake.file, dir, "run", "--metrics-port", Integer.toString(metricsPort));
      URI metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
      try {
        PipelineHarness.awaitRows(lake.catalog, EVENTS, 1);
        PipelineHarness.produce(kafka, lake.topic, FaultChecks.drifting(BATCH, 2 * BATCH));
        // The metric that shows a stall is there before the outage (rows are committed only
        // after a completed checkpoint).
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> jobMetric(metrics, "numberOfCompletedCheckpoints") >= 1);
        // Warehouse and checkpoint storage vanish mid-stream, and stay away until the job has
        // felt it, while records keep arriving. How it feels it depends on where the outage
        // strikes: a write that gives up fails its checkpoint or the task (seconds), but S3A may
        // keep retrying a checkpoint's directory on the JobManager for minutes, and meanwhile no
        // checkpoint completes. Either is an outage the job lived through.
        s3.kill();
        Outage outage = new Outage(metrics);
        PipelineHarness.produce(kafka, lake.topic, FaultChecks.drifting(2 * BATCH, 3 * BATCH));
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .until(outage::felt);
        s3.start();
        PipelineHarness.produce(kafka, lake.topic, FaultChecks.drifting(3 * BATCH, 4 * BATCH));
        FaultChecks.awaitExactlyOnce(lake.catalog, lake.spec, EVENTS, 4 * BATCH);
        assertThat(run.isAlive()).as("driftway run survived the outage").isTrue();
        // For the CI log: how hard the outage struck.
        System.out.printf(
            "S3 outage: %s; then %d failed checkpoints, %d job restarts, %d records exactly once%n",
            outage.how,
            jobMetric(metrics, "numberOfFailedCheckpoints"),
            jobMetric(metrics, "numRestarts"),
            4 * BATCH);
      } finally {
        run.destroyForcibly();
        run.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void runFailsWithAClearErrorInsteadOfStartingFreshWhenTheS3StorageIsUnreachable(@TempDir Path dir)
      throws Exception {
    // Nothing listens on this port: S3 is down, the storage cannot be listed.
    String endpoint = "http://127.0.0.1:" + FreePorts.next();
    Path file = dir.resolve("unreachable.yaml");
    Files.writeString(
        file,
        """
        name: unreachable
        sources:
          - kafka:
              bootstrap-servers: 127.0.0.1:9
              topics: [events]
        routing:
          table: events
        tables:
          - name: events
            database: s3faults
        warehouse:
          location: s3://lake/warehouse
          s3-endpoint: %s
          s3-region: us-east-1
          s3-path-style: true
          access-key-id: driftway-test
          secret-access-key: driftway-test-secret
        catalog:
          type: glue
          endpoint: %s
          region: us-east-1
        checkpointing:
          storage: s3://lake/checkpoints/unreachable
        """
            .formatted(endpoint, endpoint));

    Process run = RunProcess.start(file, dir, "unreachable", "--metrics-port", "off");

    assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(run.exitValue()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("unreachable-err.txt")))
        .startsWith(
            "Cannot resume pipeline: checkpoint storage unreachable:"
                + " s3://lake/checkpoints/unreachable");
    assertThat(Files.readString(dir.resolve("unreachable-out.txt"))).doesNotContain("Running");
  }

  @Test
  void runStopsBeforeTheJobStartsWhenFlinksS3PluginIsMissing(KafkaBroker kafka, @TempDir Path dir)
      throws Exception {
    try (S3ProxyProcess s3 = S3ProxyProcess.start(Files.createDirectories(dir.resolve("s3")));
        Lake lake = Lake.start(s3, kafka, dir)) {
      Process run =
          RunProcess.startWithoutPlugins(lake.file, dir, "unplugged", "--metrics-port", "off");

      assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(run.exitValue()).isEqualTo(1);
      assertThat(Files.readAllLines(dir.resolve("unplugged-err.txt")))
          .contains(
              "Cannot run pipeline: no Flink file system for the checkpoint storage (for S3, put"
                  + " flink-s3-fs-hadoop-2.1.1.jar into a folder of its own under"
                  + " $FLINK_PLUGINS_DIR): s3://s3faults/checkpoints");
      assertThat(Files.readString(dir.resolve("unplugged-out.txt"))).doesNotContain("Running");
    }
  }

  /**
   * Whether a run has felt an outage that began when this was made: a failed checkpoint, a restart,
   * or no checkpoint completed for {@link #STALLED} (at a checkpoint interval of one second).
   */
  private static final class Outage {

    static final Duration STALLED = Duration.ofSeconds(15);

    private final URI metrics;
    private long completed;
    private long since = System.nanoTime();
    String how = "not felt";

    Outage(URI metrics) {
      this.metrics = metrics;
      this.completed = jobMetric(metrics, "numberOfCompletedCheckpoints");
    }

    boolean felt() {
      long failed = jobMetric(metrics, "numberOfFailedCheckpoints");
      long restarts = jobMetric(metrics, "numRestarts");
      if (failed + restarts >= 1) {
        how = failed + " failed checkpoints and " + restarts + " job restarts during it";
        return true;
      }
      long now = jobMetric(metrics, "numberOfCompletedCheckpoints");
      if (now != completed) {
        completed = now;
        since = System.nanoTime();
        return false;
      }
      if (System.nanoTime() - since >= STALLED.toNanos()) {
        how = "no checkpoint completed for " + STALLED.toSeconds() + " s during it";
        return true;
      }
      return false;
    }
  }

  /** A job-level Flink metric from the run's Prometheus endpoint; 0 while it is not there yet. */
  private static long jobMetric(URI metrics, String name) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      String body =
          http.send(HttpRequest.newBuilder(metrics).GET().build(), BodyHandlers.ofString()).body();
      Matcher value =
          Pattern.compile("(?m)^flink_jobmanager_job_" + name + "\\{[^}]*} ([0-9.eE+-]+)$")
              .matcher(body);
      return value.find() ? (long) Double.parseDouble(value.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static String newest(List<String> metadataKeys) {
    return metadataKeys.stream()
        .max(
            (a, b) ->
                Long.compare(
                    Long.parseLong(a.replaceAll(".*/chk-(\\d+)/_metadata$", "$1")),
                    Long.parseLong(b.replaceAll(".*/chk-(\\d+)/_metadata$", "$1"))))
        .map(key -> "s3://" + Lake.BUCKET + "/" + key)
        .orElseThrow();
  }

  /**
   * One pipeline's world: a bucket on S3Proxy for warehouse and checkpoints, a catalog bridge in
   * this JVM, a topic, the pipeline file and a catalog to read the table back.
   */
  private static final class Lake implements AutoCloseable {

    static final String BUCKET = "s3faults";

    final S3ProxyProcess s3;
    final CatalogBridge bridge;
    final String topic;
    final Path file;
    final PipelineSpec spec;
    final Catalog catalog;
    final String bucket;

    private Lake(
        S3ProxyProcess s3,
        CatalogBridge bridge,
        String topic,
        Path file,
        PipelineSpec spec,
        Catalog catalog,
        String bucket) {
      this.s3 = s3;
      this.bridge = bridge;
      this.topic = topic;
      this.file = file;
      this.spec = spec;
      this.catalog = catalog;
      this.bucket = bucket;
    }

    static Lake start(S3ProxyProcess s3, KafkaBroker kafka, Path dir) throws Exception {
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      String bucket = BUCKET;
      try (S3Client client = client(s3)) {
        client.createBucket(b -> b.bucket(bucket));
      }
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
      String topic = kafka.createTopic("s3faults-" + suffix, 2);
      Path file = dir.resolve("s3faults.yaml");
      Files.writeString(
          file,
          """
          name: s3faults-%s
          sources:
            - kafka:
                bootstrap-servers: %s
                topics: [%s]
                starting-position: earliest
          routing:
            table: events
          tables:
            - name: events
              database: s3faults
          warehouse:
            location: s3://%s/warehouse
            s3-endpoint: %s
            s3-region: us-east-1
            s3-path-style: true
            access-key-id: %s
            secret-access-key: %s
          catalog:
            type: glue
            endpoint: %s
            region: us-east-1
          checkpointing:
            interval: 1s
            storage: s3://%s/checkpoints
          parallelism: 2
          """
              .formatted(
                  suffix,
                  kafka.bootstrapServers(),
                  topic,
                  bucket,
                  s3.endpoint(),
                  s3.accessKey(),
                  s3.secretKey(),
                  bridge.endpoint(),
                  bucket));
      PipelineSpec spec = PipelineSpecLoader.load(file);
      return new Lake(s3, bridge, topic, file, spec, Catalogs.loader(spec).loadCatalog(), bucket);
    }

    /** The keys of every {@code _metadata} file under the checkpoint storage. */
    List<String> completedCheckpoints() {
      try (S3Client client = client(s3)) {
        return client
            .listObjectsV2Paginator(b -> b.bucket(bucket).prefix("checkpoints/"))
            .contents()
            .stream()
            .map(o -> o.key())
            .filter(key -> key.matches("checkpoints/[^/]+/chk-\\d+/_metadata"))
            .toList();
      }
    }

    private static S3Client client(S3ProxyProcess s3) {
      return S3Client.builder()
          .endpointOverride(s3.endpoint())
          .forcePathStyle(true)
          .region(Region.of(s3.region()))
          .credentialsProvider(
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
          .httpClient(UrlConnectionHttpClient.create())
          .build();
    }

    @Override
    public void close() throws Exception {
      ((Closeable) catalog).close();
      bridge.close();
    }
  }
}
