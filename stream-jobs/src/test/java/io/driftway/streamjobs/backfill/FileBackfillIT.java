package io.driftway.streamjobs.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * 5,000 small JSON files on S3 (S3Proxy) backfilled into the table a running streaming job writes:
 * a run killed after its first commit, then a fresh run, give every row once; the same backfill
 * again writes nothing and says why.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class FileBackfillIT {

  private static final int FILES = 5_000;
  private static final int PER_FILE = 2;
  private static final int STREAMED = 1_000;
  private static final TableIdentifier EVENTS = TableIdentifier.of("archive", "events");

  @Test
  void killedThenFreshRunWritesEveryFileOnceBesideTheStreamAndARerunWritesNothing(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String live = "live-" + suffix;
    kafka.createTopic(live, 2);
    String bucket = "files-" + suffix;
    PipelineHarness.createBucket(s3, bucket);
    upload(s3, bucket);
    PipelineSpec pipeline =
        PipelineHarness.spec(
            "archive.yaml",
            """
            name: archive-%s
            sources:
              - kafka:
                  bootstrap-servers: %s
                  topics: [%s]
                  starting-position: earliest
            routing:
              table: events
            tables:
              - name: events
                database: archive
            %s
            checkpointing:
              interval: 1s
            parallelism: 2
            """
                .formatted(
                    suffix,
                    kafka.bootstrapServers(),
                    live,
                    PipelineHarness.lake(s3, postgres, suffix)));
    Catalog catalog = Catalogs.loader(pipeline).loadCatalog();
    JobClient stream = PipelineHarness.start(flink, pipeline);
    PipelineHarness.produce(kafka, live, json(1_000_000, 1_000_000 + STREAMED / 2));
    String source = "s3://" + bucket + "/events/";

    BackfillSpec first = BackfillSpec.builder(source).runId("killed-" + suffix).build();
    StreamExecutionEnvironment env = flink.environment(pipeline.parallelism());
    BackfillJob killedJob = BackfillJob.build(env, pipeline, first);
    JobClient killed = env.executeAsync(killedJob.name());
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !ownSnapshots(catalog, first.runId()).isEmpty());
    PipelineHarness.cancelAndAwaitEnd(killed);
    long atKill = rowsOf(catalog, first.runId());
    PipelineHarness.produce(kafka, live, json(1_000_000 + STREAMED / 2, 1_000_000 + STREAMED));

    List<BackfillProgress> readings = new java.util.concurrent.CopyOnWriteArrayList<>();
    BackfillSummary fresh =
        BackfillRunner.builder(pipeline, first.toBuilder().runId("fresh-" + suffix).build())
            .flink(flink.restAddress())
            .progress(readings::add, Duration.ofMillis(200))
            .build()
            .run();

    List<Long> ids =
        PipelineHarness.ids(
            PipelineHarness.awaitRows(catalog, EVENTS, FILES * PER_FILE + STREAMED));
    stream.cancel().get();
    Set<Long> expected = new HashSet<>();
    LongStream.range(0, (long) FILES * PER_FILE).forEach(expected::add);
    LongStream.range(1_000_000, 1_000_000 + STREAMED).forEach(expected::add);
    assertThat(atKill).isBetween(1L, (long) FILES * PER_FILE - 1);
    assertThat(fresh.state()).isEqualTo(BackfillSummary.State.SUCCEEDED);
    assertThat(fresh.rowsWritten()).isEqualTo(FILES * PER_FILE - atKill);
    // A checkpoint may fall inside a file: its first record is then skipped, not the file.
    assertThat(fresh.skippedFiles() * PER_FILE + fresh.skippedRecords()).isEqualTo(atKill);
    assertThat(ids).hasSize(FILES * PER_FILE + STREAMED);
    assertThat(new HashSet<>(ids)).isEqualTo(expected);
    // The progress display polls the job's REST endpoint; its totals come from the file plan.
    // (The counters themselves refresh at the cluster's metrics.fetcher.update-interval, 10 s by
    // default, longer than this run may take, so they are not asserted here.)
    assertThat(readings).isNotEmpty();
    assertThat(readings.get(0).totalFiles()).hasValue(FILES - fresh.skippedFiles());
    int snapshots = snapshots(catalog);

    BackfillSummary again =
        BackfillRunner.builder(pipeline, first.toBuilder().runId("again-" + suffix).build())
            .flink(flink.restAddress())
            .build()
            .run();

    assertThat(again.state()).isEqualTo(BackfillSummary.State.SUCCEEDED);
    assertThat(again.rowsWritten()).isZero();
    assertThat(again.skippedFiles()).isEqualTo(FILES);
    assertThat(again.describe()).contains("skipped by bookmark: 0 records, 5,000 files");
    assertThat(PipelineHarness.rows(catalog, EVENTS)).hasSize(FILES * PER_FILE + STREAMED);
    assertThat(snapshots(catalog)).isEqualTo(snapshots);
  }

  /** File f holds ids 2f and 2f+1, in Hive-style day folders; four PUTs at a time. */
  private static void upload(S3ProxyServer s3, String bucket) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .forcePathStyle(true)
            .region(Region.of(s3.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
            .httpClient(ApacheHttpClient.create())
            .build()) {
      List<Future<?>> puts = new ArrayList<>();
      for (int f = 0; f < FILES; f++) {
        String key = "events/dt=2026-11-%02d/part-%05d.json".formatted(1 + f % 5, f);
        String body =
            "{\"id\": %d, \"name\": \"f%d\"}\n{\"id\": %d, \"name\": \"f%d\"}\n"
                .formatted(2L * f, f, 2L * f + 1, f);
        puts.add(pool.submit(() -> put(client, bucket, key, body)));
      }
      for (Future<?> put : puts) {
        put.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void put(S3Client client, String bucket, String key, String body) {
    // The JDK client's Expect: 100-continue handling now and then meets a keep-alive connection
    // S3Proxy just closed, an IOException the SDK does not retry: retry the PUT.
    for (int attempt = 1; ; attempt++) {
      try {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
        return;
      } catch (java.io.UncheckedIOException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static List<byte[]> json(long from, long to) {
    List<byte[]> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(PipelineHarness.utf8("{\"id\": %d, \"name\": \"live\"}".formatted(i)));
    }
    return out;
  }

  private static List<Snapshot> ownSnapshots(Catalog catalog, String runId) {
    return catalog.tableExists(EVENTS)
        ? RunFigures.ownSnapshots(catalog.loadTable(EVENTS), runId)
        : List.of();
  }

  private static long rowsOf(Catalog catalog, String runId) {
    return ownSnapshots(catalog, runId).stream()
        .mapToLong(s -> Long.parseLong(s.summary().get("added-records")))
        .sum();
  }

  private static int snapshots(Catalog catalog) {
    int n = 0;
    for (Snapshot ignored : catalog.loadTable(EVENTS).snapshots()) {
      n++;
    }
    return n;
  }
}
