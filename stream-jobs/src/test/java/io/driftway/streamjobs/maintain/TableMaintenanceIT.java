package io.driftway.streamjobs.maintain;

import static io.driftway.streamjobs.graph.PipelineHarness.ids;
import static io.driftway.streamjobs.graph.PipelineHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline with table maintenance on and short limits, on real servers (Kafka, S3Proxy, the
 * PostgreSQL JDBC catalog, whose database also holds Iceberg's maintenance lock, a MiniCluster):
 * many small commits make many small files; once maintenance is attached the data-file count of the
 * current snapshot falls, snapshots older than the limit are gone, an orphan file is deleted, and a
 * restart from the last retained checkpoint still gives every row exactly once.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class TableMaintenanceIT {

  private static final int BATCH = 20;

  @Test
  void compactsExpiresAndDeletesOrphansWhileRowsStayExact(
      KafkaBroker kafka,
      S3ProxyServer s3,
      PostgresServer postgres,
      FlinkCluster flink,
      @TempDir Path checkpoints)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "events-" + suffix;
    kafka.createTopic(topic, 2);
    PipelineSpec spec =
        PipelineHarness.spec(
            "maint.yaml",
            """
            name: maint-%s
            sources:
              - kafka:
                  bootstrap-servers: %s
                  topics: [%s]
                  starting-position: earliest
            routing:
              table: events
            tables:
              - name: events
                database: maint
                maintenance:
                  enabled: true
                  trigger: {commits: 2, interval: 3s, rate-limit: 1s}
                  expire-snapshots: {max-age: 8s, retain-last: 1}
                  delete-orphan-files: {min-age: 8s}
            %s
            checkpointing:
              interval: 1s
              storage: %s
            parallelism: 2
            """
                .formatted(
                    suffix,
                    kafka.bootstrapServers(),
                    topic,
                    PipelineHarness.lake(s3, postgres, suffix),
                    checkpoints.toUri()));
    TableIdentifier events = TableIdentifier.of("maint", "events");
    Catalog catalog = Catalogs.loader(spec).loadCatalog();
    long started = System.nanoTime();
    try {
      // First run: the table does not exist when the job starts, so it runs without maintenance
      // and leaves one small file (or two) per commit.
      JobClient first = PipelineHarness.start(flink, spec, PipelineJob.configuration(spec));
      int produced = 0;
      for (int i = 0; i < 6; i++) {
        produced = produceBatch(kafka, topic, produced);
        awaitCommitted(catalog, events, produced);
      }
      Table table = catalog.loadTable(events);
      String orphan = table.location() + "/data/orphan-" + suffix + ".parquet";
      try (OutputStream out = table.io().newOutputFile(orphan).create()) {
        out.write(utf8("not referenced by any snapshot"));
      }
      Figures before = Figures.of(catalog.loadTable(events));
      System.out.println("first run done after " + seconds(started) + " s: " + before);
      long newestOfFirstRun = catalog.loadTable(events).currentSnapshot().timestampMillis();
      first.cancel().get(60, TimeUnit.SECONDS);

      // Second run, from the first run's last retained checkpoint: maintenance is attached now.
      JobClient second =
          PipelineHarness.start(flink, spec, resumeFrom(spec, newestCheckpoint(checkpoints)));
      int[] total = {produced};
      await()
          .atMost(Duration.ofSeconds(100))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                total[0] = produceBatch(kafka, topic, total[0]);
                awaitCommitted(catalog, events, total[0]);
                Table now = catalog.loadTable(events);
                return Figures.of(now).dataFiles() < before.dataFiles()
                    && oldestSnapshot(now) > newestOfFirstRun
                    && !exists(now, orphan);
              });
      Figures after = Figures.of(catalog.loadTable(events));
      System.out.println("maintenance seen after " + seconds(started) + " s");
      System.out.println("Table maintenance figures (maint.events):");
      System.out.println("  before: " + before);
      System.out.println("  after:  " + after);
      second.cancel().get(60, TimeUnit.SECONDS);

      // Third run, from the second run's last retained checkpoint, after maintenance rewrote and
      // expired under it: the committer still finds what it committed, so nothing is doubled.
      JobClient third =
          PipelineHarness.start(flink, spec, resumeFrom(spec, newestCheckpoint(checkpoints)));
      int last = produceBatch(kafka, topic, total[0]);
      PipelineHarness.awaitRows(catalog, events, last);
      third
          .stopWithSavepoint(
              false, checkpoints.resolve("final").toUri().toString(), SavepointFormatType.CANONICAL)
          .get(60, TimeUnit.SECONDS);

      List<Record> rows = PipelineHarness.rows(catalog, events);
      System.out.println("  rows:   " + rows.size() + " (" + last + " produced)");
      assertThat(after.dataFiles()).isLessThan(before.dataFiles());
      assertThat(rows).hasSize(last);
      assertThat(new HashSet<>(ids(rows)))
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, last).boxed().toList());

      // The same tasks once, as driftway maintain runs them, with the pipeline stopped.
      MaintainOnce.Summary once = MaintainOnce.run(spec, events, false, () -> flink.environment(1));
      System.out.print(once.render());
      List<Record> afterOnce = PipelineHarness.rows(catalog, events);
      assertThat(once.filesAfter()).isLessThanOrEqualTo(once.filesBefore());
      assertThat(afterOnce).hasSize(last);
      assertThat(new HashSet<>(ids(afterOnce))).hasSize(last);
    } finally {
      MaintenanceGraph.closeQuietly(catalog);
    }
  }

  /** Data files and bytes of the current snapshot, and the snapshots the table keeps. */
  record Figures(long dataFiles, long bytes, int snapshots) {
    static Figures of(Table table) {
      Map<String, String> summary = table.currentSnapshot().summary();
      int snapshots = 0;
      for (Snapshot ignored : table.snapshots()) {
        snapshots++;
      }
      return new Figures(
          Long.parseLong(summary.get("total-data-files")),
          Long.parseLong(summary.get("total-files-size")),
          snapshots);
    }

    @Override
    public String toString() {
      return dataFiles + " data files, " + bytes + " bytes, " + snapshots + " snapshots";
    }
  }

  /**
   * Waits until the current snapshot counts {@code rows} rows (its summary, not a scan: cheap to
   * poll; the rows themselves are read once at the end).
   */
  private static void awaitCommitted(Catalog catalog, TableIdentifier id, long rows) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!catalog.tableExists(id)) {
                return false;
              }
              Snapshot current = catalog.loadTable(id).currentSnapshot();
              return current != null
                  && Long.parseLong(current.summary().getOrDefault("total-records", "0")) >= rows;
            });
  }

  private static long seconds(long startedNanos) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
  }

  private static long oldestSnapshot(Table table) {
    long oldest = Long.MAX_VALUE;
    for (Snapshot snapshot : table.snapshots()) {
      oldest = Math.min(oldest, snapshot.timestampMillis());
    }
    return oldest;
  }

  private static boolean exists(Table table, String location) {
    return table.io().newInputFile(location).exists();
  }

  private static int produceBatch(KafkaBroker kafka, String topic, int from) throws Exception {
    List<byte[]> records = new ArrayList<>();
    for (int i = from; i < from + BATCH; i++) {
      records.add(utf8("{\"id\": %d, \"kind\": \"k%d\", \"amount\": %d.5}".formatted(i, i % 7, i)));
    }
    PipelineHarness.produce(kafka, topic, records);
    return from + BATCH;
  }

  private static Configuration resumeFrom(PipelineSpec spec, Path checkpoint) {
    Configuration resume = PipelineJob.configuration(spec);
    resume.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
    return resume;
  }

  /** The newest completed checkpoint ({@code chk-N} with a {@code _metadata}) under the folder. */
  private static Path newestCheckpoint(Path storage) throws IOException {
    try (Stream<Path> files = Files.walk(storage)) {
      return files
          .filter(p -> p.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .max(
              Comparator.comparingLong(
                  (Path p) -> {
                    try {
                      return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }))
          .orElseThrow(() -> new AssertionError("no completed checkpoint under " + storage));
    }
  }
}
