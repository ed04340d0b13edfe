package io.driftway.streamjobs.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.backfill.BackfillJob;
import io.driftway.streamjobs.backfill.BackfillRunner;
import io.driftway.streamjobs.backfill.BackfillSpec;
import io.driftway.streamjobs.backfill.BackfillSummary;
import io.driftway.streamjobs.cli.Driftway;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Quarantine replay on real servers (Kafka, S3Proxy, a JDBC catalog on PostgreSQL, the Flink
 * MiniCluster): rows a limit refused are replayed after the pipeline file raises the limit, each
 * exactly once, also when a replay is cancelled half-way and run again; a second replay sends
 * nothing; rows that fail again stay quarantined with the new reason.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class QuarantineReplayIT {

  private static final TableIdentifier EVENTS = TableIdentifier.of("replay", "events");
  private static final int GOOD = 40;
  private static final int FIXED = 20;
  private static final int STILL_TOO_LARGE = 5;

  @Test
  void replaysAfterAPolicyChangeExactlyOnceAcrossAKilledReplay(
      KafkaBroker kafka,
      S3ProxyServer s3,
      PostgresServer postgres,
      FlinkCluster flink,
      @TempDir Path dir)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "replay-" + suffix;
    kafka.createTopic(topic, 1);
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < GOOD + FIXED + STILL_TOO_LARGE; i++) {
      // Good rows are small; the next 20 need max-record-bytes above 100, the last 5 above 400.
      int padding = i < GOOD ? 0 : i < GOOD + FIXED ? 150 : 600;
      values.add(
          PipelineHarness.utf8("{\"id\": %d, \"note\": \"%s\"}".formatted(i, "x".repeat(padding))));
    }
    PipelineHarness.produce(kafka, topic, values);
    String lake = PipelineHarness.lake(s3, postgres, suffix);
    Path v1 = dir.resolve("events-v1.yaml");
    Path v2 = dir.resolve("events.yaml");
    Files.writeString(v1, pipeline(suffix, kafka, topic, 100, lake));
    Files.writeString(v2, pipeline(suffix, kafka, topic, 400, lake));
    PipelineSpec before = PipelineSpecLoader.load(v1);
    PipelineSpec after = PipelineSpecLoader.load(v2);

    BackfillSummary first =
        BackfillRunner.builder(before, BackfillSpec.builder("kafka://" + topic).build())
            .flink(flink.restAddress())
            .build()
            .run();
    assertThat(first.rowsWritten()).isEqualTo(GOOD);
    assertThat(first.quarantined()).isEqualTo(FIXED + STILL_TOO_LARGE);

    // A replay under the new rules, slowed down and cancelled after its first commit.
    BackfillSpec killedSpec =
        BackfillSpec.builder(Replays.source(EVENTS))
            .quarantine(QuarantineSelection.all().rate(5))
            .runId("killed-" + suffix)
            .build();
    StreamExecutionEnvironment env = flink.environment(after.parallelism());
    BackfillJob job = BackfillJob.build(env, after, killedSpec);
    assertThat(job.totalRecords()).hasValue(FIXED + STILL_TOO_LARGE);
    JobClient killed = env.executeAsync(job.name());
    Catalog catalog = Catalogs.loader(after).loadCatalog();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> rowsOf(catalog, killedSpec.runId()) > 0);
      killed.cancel().get();
      long atKill = rowsOf(catalog, killedSpec.runId());
      assertThat(atKill).isBetween(1L, FIXED + STILL_TOO_LARGE - 1L);

      String replay =
          cli("quarantine", "replay", "--pipeline", v2.toString(), "--table", "replay.events");

      List<Record> rows = PipelineHarness.rows(catalog, EVENTS);
      assertThat(PipelineHarness.ids(rows)).hasSize(GOOD + FIXED);
      assertThat(new HashSet<>(PipelineHarness.ids(rows)))
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, GOOD + FIXED).boxed().toList());
      List<Record> quarantined = PipelineHarness.rows(catalog, QuarantineTable.idFor(EVENTS));
      assertThat(quarantined).hasSize(FIXED + 2 * STILL_TOO_LARGE);
      assertThat(
              quarantined.stream()
                  .filter(r -> ((String) r.getField("reason")).contains("400"))
                  .count())
          .isEqualTo(STILL_TOO_LARGE);
      assertThat(replay)
          .contains("selected:                   25 rows (every row)")
          .contains("skipped, already replayed:  " + atKill + " rows")
          .contains(
              "written to tables:          " + (FIXED - writtenBy(catalog, killedSpec.runId())));

      String again =
          cli("quarantine", "replay", "--pipeline", v2.toString(), "--table", "replay.events");
      String list =
          cli("quarantine", "list", "--pipeline", v2.toString(), "--table", "replay.events");
      System.out.println(replay + again + list);

      assertThat(again)
          .contains("sent through the pipeline:  0 rows")
          .contains("skipped, already replayed:  30 rows");
      assertThat(PipelineHarness.rows(catalog, EVENTS)).hasSize(GOOD + FIXED);
      assertThat(PipelineHarness.rows(catalog, QuarantineTable.idFor(EVENTS)))
          .hasSize(FIXED + 2 * STILL_TOO_LARGE);
      assertThat(list).contains("by state: replayed 20, failed-again 5, superseded 5");
    } finally {
      if (catalog instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  private static String pipeline(
      String suffix, KafkaBroker kafka, String topic, int maxRecordBytes, String lake) {
    return """
        name: replay-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          table: events
        tables:
          - name: events
            database: replay
            policies:
              max-record-bytes: %d
        %s
        checkpointing:
          interval: 200ms
        parallelism: 1
        """
        .formatted(suffix, kafka.bootstrapServers(), topic, maxRecordBytes, lake);
  }

  /** Rows and quarantine rows the run committed. */
  private static long rowsOf(Catalog catalog, String runId) {
    return added(catalog, EVENTS, runId) + added(catalog, QuarantineTable.idFor(EVENTS), runId);
  }

  private static long writtenBy(Catalog catalog, String runId) {
    return added(catalog, EVENTS, runId);
  }

  private static long added(Catalog catalog, TableIdentifier id, String runId) {
    if (!catalog.tableExists(id)) {
      return 0;
    }
    long n = 0;
    for (Snapshot s : catalog.loadTable(id).snapshots()) {
      if (runId.equals(s.summary().get(BackfillJob.RUN_ID))) {
        n += Long.parseLong(s.summary().getOrDefault("added-records", "0"));
      }
    }
    return n;
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Driftway.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    assertThat(code).as("exit code of %s; stderr: %s", List.of(args), err).isZero();
    return out.toString();
  }
}
