package io.driftway.streamjobs.audit;

import static io.driftway.streamjobs.graph.PipelineHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.cli.Driftway;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.Closeable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code driftway audit} on a table a real pipeline wrote: clean (exit 0) as written, and exit 1
 * with a finding once a data file is appended a second time by hand, or once a checkpoint's source
 * ranges are committed twice.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class AuditIT {

  private static final int RECORDS = 300;
  private static final int MALFORMED_EVERY = 50;

  @Test
  void cleanTableAuditsCleanAndAFileAppendedTwiceIsFound(
      KafkaBroker kafka,
      S3ProxyServer s3,
      PostgresServer postgres,
      FlinkCluster flink,
      @TempDir Path dir)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "audit-" + suffix;
    kafka.createTopic(topic, 2);
    String yaml =
        """
        name: audit-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          table: events
        tables:
          - name: events
            database: shop
        %s
        checkpointing:
          interval: 1s
        parallelism: 2
        """
            .formatted(
                suffix,
                kafka.bootstrapServers(),
                topic,
                PipelineHarness.lake(s3, postgres, suffix));
    Path file = dir.resolve("audit.yaml");
    Files.writeString(file, yaml);
    PipelineSpec spec = PipelineHarness.spec(file.toString(), yaml);
    TableIdentifier events = TableIdentifier.of("shop", "events");
    int malformed = RECORDS / MALFORMED_EVERY;

    produceToPartitions(kafka, topic, 2, drifting(RECORDS));
    JobClient job = PipelineHarness.start(flink, spec);
    Catalog catalog = Catalogs.loader(spec).loadCatalog();
    try {
      PipelineHarness.awaitRows(catalog, events, RECORDS - malformed);
      PipelineHarness.awaitRows(
          catalog, TableIdentifier.of("shop", "events_quarantine"), malformed);
      job.stopWithSavepoint(
              false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
          .get(60, TimeUnit.SECONDS);

      // Every partition's ranges together are offsets 0 .. n-1, n records, whichever checkpoints
      // they fell into.
      Map<String, long[]> covered = new TreeMap<>();
      try (CloseableIterable<Record> rows =
          IcebergGenerics.read(catalog.loadTable(SourceRanges.tableFor("shop", spec.name())))
              .build()) {
        for (Record row : rows) {
          long[] span =
              covered.computeIfAbsent(
                  (String) row.getField("source_partition"),
                  p -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
          span[0] = Math.min(span[0], Long.parseLong((String) row.getField("first_position")));
          span[1] = Math.max(span[1], Long.parseLong((String) row.getField("last_position")));
          span[2] += (Long) row.getField("records");
        }
      }
      assertThat(covered).containsOnlyKeys("0", "1");
      for (long[] span : covered.values()) {
        assertThat(span).containsExactly(0, RECORDS / 2 - 1, RECORDS / 2);
      }

      Result clean = audit("shop.events", file);
      assertThat(clean.exit()).as(clean.out() + clean.err()).isEqualTo(0);
      assertThat(clean.out())
          .contains("kafka:" + topic + "/0", "kafka:" + topic + "/1")
          .contains("data files added by two snapshots: none")
          .endsWith("Result: clean\n");

      Table table = catalog.loadTable(events);
      DataFile written = firstDataFile(table);
      long before = table.currentSnapshot().snapshotId();
      table.newAppend().appendFile(written).commit();
      long after = table.currentSnapshot().snapshotId();

      Result twice = audit("shop.events", file);
      assertThat(twice.exit()).isEqualTo(1);
      assertThat(twice.out())
          .contains(
              "FILE_TWICE "
                  + written.location()
                  + ": added by snapshots ["
                  + addedBy(table, written, before)
                  + ", "
                  + after
                  + "] of ")
          .endsWith("Result: 1 finding(s)\n");
    } finally {
      ((Closeable) catalog).close();
    }
  }

  @Test
  void rangesCommittedTwiceAreAnOverlapAndAMissingTableCannotBeRead(
      KafkaBroker kafka,
      S3ProxyServer s3,
      PostgresServer postgres,
      FlinkCluster flink,
      @TempDir Path dir)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "overlap-" + suffix;
    kafka.createTopic(topic, 1);
    String yaml =
        """
        name: overlap-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          table: events
        tables:
          - name: events
            database: shop
        %s
        checkpointing:
          interval: 1s
        """
            .formatted(
                suffix,
                kafka.bootstrapServers(),
                topic,
                PipelineHarness.lake(s3, postgres, suffix));
    Path file = dir.resolve("overlap.yaml");
    Files.writeString(file, yaml);
    PipelineSpec spec = PipelineHarness.spec(file.toString(), yaml);
    PipelineHarness.produce(kafka, topic, drifting(100));
    JobClient job = PipelineHarness.start(flink, spec);
    Catalog catalog = Catalogs.loader(spec).loadCatalog();
    try {
      PipelineHarness.awaitRows(catalog, TableIdentifier.of("shop", "events"), 98);
      job.stopWithSavepoint(
              false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
          .get(60, TimeUnit.SECONDS);

      Table ranges = catalog.loadTable(SourceRanges.tableFor("shop", spec.name()));
      ranges.newAppend().appendFile(firstDataFile(ranges)).commit();

      Result overlap = audit("shop.events", file);
      assertThat(overlap.exit()).isEqualTo(1);
      // Which checkpoint's ranges file is appended again depends on how the records fell into
      // checkpoints; any of them overlaps itself.
      assertThat(overlap.out())
          .containsPattern(
              "OVERLAP kafka:"
                  + topic
                  + "/0: positions \\d+(\\.\\.\\d+)? committed twice \\(job \\w+ checkpoint \\d+,"
                  + " job \\w+ checkpoint \\d+\\)");

      Result missing = audit("shop.nothing_here", file);
      assertThat(missing.exit()).isEqualTo(2);
      assertThat(missing.err()).isEqualTo("Cannot audit table: no such table: shop.nothing_here\n");
    } finally {
      ((Closeable) catalog).close();
    }
  }

  private record Result(int exit, String out, String err) {}

  /** Record i to partition i % partitions, so every partition has ranges. */
  static void produceToPartitions(
      KafkaBroker kafka, String topic, int partitions, List<byte[]> values) throws Exception {
    java.util.Properties props = kafka.clientProperties();
    props.put("acks", "all");
    try (org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer =
        new org.apache.kafka.clients.producer.KafkaProducer<>(
            props,
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        sent.add(
            producer.send(
                new org.apache.kafka.clients.producer.ProducerRecord<>(
                    topic, i % partitions, null, values.get(i))));
      }
      for (java.util.concurrent.Future<?> f : sent) {
        f.get();
      }
    }
  }

  private static Result audit(String table, Path pipeline) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Driftway.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("audit", table, "--pipeline", pipeline.toString());
    return new Result(exit, out.toString(), err.toString());
  }

  private static DataFile firstDataFile(Table table) throws Exception {
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      return tasks.iterator().next().file();
    }
  }

  private static long addedBy(Table table, DataFile file, long upTo) {
    for (org.apache.iceberg.Snapshot snapshot : table.snapshots()) {
      for (DataFile added : snapshot.addedDataFiles(table.io())) {
        if (added.location().equals(file.location())) {
          return snapshot.snapshotId();
        }
      }
      if (snapshot.snapshotId() == upTo) {
        break;
      }
    }
    throw new AssertionError("no snapshot added " + file.location());
  }

  /** JSON whose schema drifts (a field appears, a number widens), one malformed in 50. */
  static List<byte[]> drifting(int count) {
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i % MALFORMED_EVERY == MALFORMED_EVERY - 1) {
        values.add(utf8("{\"id\": " + i + ", \"broken\": "));
      } else if (i < count / 2) {
        values.add(utf8("{\"id\": %d, \"kind\": \"k%d\"}".formatted(i, i % 3)));
      } else {
        values.add(
            utf8(
                "{\"id\": %d, \"kind\": \"k%d\", \"amount\": %d.5, \"tags\": [\"t%d\"]}"
                    .formatted(i, i % 3, i, i % 5)));
      }
    }
    return values;
  }
}
