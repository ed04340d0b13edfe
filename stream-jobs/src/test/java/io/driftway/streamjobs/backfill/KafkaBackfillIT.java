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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka topic ranges backfilled into an Iceberg table on S3Proxy with a JDBC catalog on PostgreSQL,
 * on the Flink MiniCluster: exactly the range, nothing twice on a re-run, and a killed run finished
 * by a fresh one while the streaming job writes the same table.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class KafkaBackfillIT {

  private static final TableIdentifier EVENTS = TableIdentifier.of("history", "events");

  @Test
  void writesExactlyTheTimeRangeAndARerunWritesNothing(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "archive-" + suffix;
    kafka.createTopic(topic, 2);
    long base = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    // Three hours of events, 100 each, with their own record timestamps.
    produce(kafka, topic, 0, 300, i -> base + (i / 100) * 3_600_000L + i);
    PipelineSpec pipeline = pipeline(kafka, s3, postgres, suffix, "unused-" + suffix);
    BackfillSpec range =
        BackfillSpec.builder("kafka://" + topic)
            .from("2026-11-01T01:00:00Z")
            .to("2026-11-01T02:00:00Z")
            .build();

    BackfillSummary first = run(flink, pipeline, range);

    Catalog catalog = Catalogs.loader(pipeline).loadCatalog();
    List<Record> rows = PipelineHarness.rows(catalog, EVENTS);
    assertThat(first.state()).isEqualTo(BackfillSummary.State.SUCCEEDED);
    assertThat(new HashSet<>(PipelineHarness.ids(rows)))
        .containsExactlyInAnyOrderElementsOf(LongStream.range(100, 200).boxed().toList());
    assertThat(rows).hasSize(100);
    assertThat(first.rowsWritten()).isEqualTo(100);
    assertThat(first.skippedRecords()).isZero();
    int snapshots = snapshots(catalog.loadTable(EVENTS));

    BackfillSummary again =
        run(flink, pipeline, range.toBuilder().runId("again-" + suffix).build());

    assertThat(again.state()).isEqualTo(BackfillSummary.State.SUCCEEDED);
    assertThat(again.rowsWritten()).isZero();
    assertThat(again.skippedRecords()).isEqualTo(100);
    assertThat(PipelineHarness.rows(catalog, EVENTS)).hasSize(100);
    assertThat(snapshots(catalog.loadTable(EVENTS))).isEqualTo(snapshots);
    assertThat(again.describe()).contains("skipped by bookmark: 100 records");
  }

  @Test
  void aFreshRunAfterAKilledRunWritesTheRestOnceWhileTheStreamWrites(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String history = "history-" + suffix;
    String live = "live-" + suffix;
    kafka.createTopic(history, 2);
    kafka.createTopic(live, 2);
    int backfilled = 60_000;
    int streamed = 2_000;
    produce(kafka, history, 0, backfilled, i -> System.currentTimeMillis());
    PipelineSpec pipeline = pipeline(kafka, s3, postgres, suffix, live);
    Catalog catalog = Catalogs.loader(pipeline).loadCatalog();

    // The streaming job writes the same table all along, ids far from the backfill's.
    JobClient stream = PipelineHarness.start(flink, pipeline);
    produce(kafka, live, 1_000_000, 1_000_000 + streamed / 2, i -> System.currentTimeMillis());

    BackfillSpec spec =
        BackfillSpec.builder("kafka://" + history).runId("killed-" + suffix).build();
    StreamExecutionEnvironment env = flink.environment(pipeline.parallelism());
    BackfillJob job = BackfillJob.build(env, pipeline, spec);
    JobClient killed = env.executeAsync(job.name());
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> hasSnapshotOf(catalog, spec.runId()));
    PipelineHarness.cancelAndAwaitEnd(killed);
    long atKill = rowsOfRun(catalog, spec.runId());
    produce(
        kafka,
        live,
        1_000_000 + streamed / 2,
        1_000_000 + streamed,
        i -> System.currentTimeMillis());

    BackfillSummary fresh = run(flink, pipeline, spec.toBuilder().runId("fresh-" + suffix).build());

    PipelineHarness.awaitRows(catalog, EVENTS, backfilled + streamed);
    stream.cancel().get();
    List<Long> ids = PipelineHarness.ids(PipelineHarness.rows(catalog, EVENTS));
    Set<Long> expected = new HashSet<>();
    LongStream.range(0, backfilled).forEach(expected::add);
    LongStream.range(1_000_000, 1_000_000 + streamed).forEach(expected::add);
    assertThat(atKill).isBetween(1L, backfilled - 1L);
    assertThat(fresh.state()).isEqualTo(BackfillSummary.State.SUCCEEDED);
    assertThat(fresh.skippedRecords()).isEqualTo(atKill);
    assertThat(fresh.rowsWritten()).isEqualTo(backfilled - atKill);
    assertThat(ids).hasSize(backfilled + streamed);
    assertThat(new HashSet<>(ids)).isEqualTo(expected);
  }

  @Test
  void aBranchWithTooManyQuarantinedRecordsIsKeptAndAPassingOneIsPublished(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "mixed-" + suffix;
    kafka.createTopic(topic, 1);
    produce(kafka, topic, 0, 90, i -> System.currentTimeMillis());
    List<byte[]> broken = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      broken.add(PipelineHarness.utf8("not json " + i));
    }
    PipelineHarness.produce(kafka, topic, broken);
    PipelineSpec pipeline = pipeline(kafka, s3, postgres, suffix, "unused-" + suffix);
    Catalog catalog = Catalogs.loader(pipeline).loadCatalog();

    BackfillSummary strict =
        run(
            flink,
            pipeline,
            BackfillSpec.builder("kafka://" + topic)
                .branch("strict")
                .maxQuarantineRate(0.05)
                .runId("strict-" + suffix)
                .build());

    assertThat(strict.state()).isEqualTo(BackfillSummary.State.FAILED);
    assertThat(strict.error())
        .contains(
            "Cannot publish backfill: 0.1000 of the records were quarantined, above"
                + " --max-quarantine-rate 0.05: branch strict kept");
    assertThat(strict.published()).isFalse();
    Table events = catalog.loadTable(EVENTS);
    assertThat(events.currentSnapshot()).isNull();
    assertThat(rowsAt(events, events.refs().get("strict").snapshotId())).hasSize(90);

    BackfillSummary lenient =
        run(
            flink,
            pipeline,
            BackfillSpec.builder("kafka://" + topic)
                .branch("lenient")
                .maxQuarantineRate(0.2)
                .runId("lenient-" + suffix)
                .build());

    assertThat(lenient.state()).isEqualTo(BackfillSummary.State.SUCCEEDED);
    assertThat(lenient.published()).isTrue();
    assertThat(lenient.skippedRecords()).isZero();
    assertThat(lenient.rowsWritten()).isEqualTo(90);
    assertThat(lenient.quarantined()).isEqualTo(10);
    assertThat(new HashSet<>(PipelineHarness.ids(PipelineHarness.rows(catalog, EVENTS))))
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 90).boxed().toList());
  }

  private static List<Record> rowsAt(Table table, long snapshotId) throws Exception {
    List<Record> rows = new java.util.ArrayList<>();
    try (var records =
        org.apache.iceberg.data.IcebergGenerics.read(table).useSnapshot(snapshotId).build()) {
      records.forEach(rows::add);
    }
    return rows;
  }

  private static BackfillSummary run(FlinkCluster flink, PipelineSpec pipeline, BackfillSpec spec)
      throws Exception {
    return BackfillRunner.builder(pipeline, spec).flink(flink.restAddress()).build().run();
  }

  private static PipelineSpec pipeline(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, String suffix, String topic) {
    return PipelineHarness.spec(
        "events.yaml",
        """
        name: events-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
              # Small fetches and frequent checkpoints: a 60,000-record range then spans several
              # commits, so a run cancelled after its first commit has written part of it even
              # on a fast, idle machine (with 1 s and default fetches it could finish first).
              properties:
                max.partition.fetch.bytes: "4096"
                max.poll.records: "50"
        routing:
          table: events
        tables:
          - name: events
            database: history
        %s
        checkpointing:
          interval: 200ms
        parallelism: 1
        """
            .formatted(
                suffix,
                kafka.bootstrapServers(),
                topic,
                PipelineHarness.lake(s3, postgres, suffix)));
  }

  /** Records {@code {"id": i, ...}} for i in [from, to), with the given record timestamps. */
  private static void produce(
      KafkaBroker kafka, String topic, long from, long to, java.util.function.LongUnaryOperator at)
      throws Exception {
    Properties props = kafka.clientProperties();
    props.put("acks", "all");
    props.put("linger.ms", "5");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
      for (long i = from; i < to; i++) {
        byte[] value =
            "{\"id\": %d, \"kind\": \"k%d\", \"amount\": %d.5}"
                .formatted(i, i % 7, i)
                .getBytes(StandardCharsets.UTF_8);
        sent.add(producer.send(new ProducerRecord<>(topic, null, at.applyAsLong(i), null, value)));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> f : sent) {
        f.get();
      }
    }
  }

  private static int snapshots(Table table) {
    int n = 0;
    for (Snapshot ignored : table.snapshots()) {
      n++;
    }
    return n;
  }

  private static boolean hasSnapshotOf(Catalog catalog, String runId) {
    return catalog.tableExists(EVENTS)
        && !RunFigures.ownSnapshots(catalog.loadTable(EVENTS), runId).isEmpty();
  }

  private static long rowsOfRun(Catalog catalog, String runId) {
    return RunFigures.ownSnapshots(catalog.loadTable(EVENTS), runId).stream()
        .mapToLong(s -> Long.parseLong(s.summary().get("added-records")))
        .sum();
  }
}
