package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.backfill.BackfillRunner;
import io.driftway.streamjobs.backfill.BackfillSpec;
import io.driftway.streamjobs.backfill.BackfillSummary;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same input, shuffled three ways, backfilled at parallelism 1, 2 and 4 ends with the same
 * table: the same columns and types and the same rows. The drifted records all fall in one
 * checkpoint (the only one, taken once every record is read): a new field seen as long, text and
 * double gets the type first in the documented order (string), a nested one seen as long and
 * boolean gets long, whatever order they arrive in. New fields of one type come from several
 * partitions, so several subtasks move the table at once.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class, FlinkExtension.class})
class DeterminismIT {

  @Test
  void theSameShuffledInputAtParallelismOneTwoAndFourGivesTheSameTable(
      KafkaBroker kafka, S3ProxyServer s3, FlinkCluster flink, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    List<String> tables = new ArrayList<>();
    try (BridgeLake lake = BridgeLake.start(s3, dir, suffix)) {
      for (int parallelism : List.of(1, 2, 4)) {
        String topic = "det-" + suffix + "-" + parallelism;
        kafka.createTopic(topic, 4);
        int records = produceShuffled(kafka, topic, parallelism);
        PipelineSpec spec =
            PipelineHarness.spec(
                "det.yaml",
                """
                name: det-%s-%d
                sources:
                  - kafka:
                      bootstrap-servers: %s
                      topics: [%s]
                routing:
                  table: events
                database: det_%d
                %s
                checkpointing:
                  interval: 1h
                parallelism: %d
                alerts:
                  log: false
                """
                    .formatted(
                        suffix,
                        parallelism,
                        kafka.bootstrapServers(),
                        topic,
                        parallelism,
                        lake.yaml(),
                        parallelism));
        BackfillSpec range =
            BackfillSpec.builder("kafka://" + topic).runId("det-" + UUID.randomUUID()).build();
        assertThat(OneCheckpoint.run(flink, BackfillRunner.builder(spec, range), records).state())
            .isEqualTo(BackfillSummary.State.SUCCEEDED);
        Catalog catalog = Catalogs.loader(spec).loadCatalog();
        try {
          TableIdentifier events = TableIdentifier.of("det_" + parallelism, "events");
          tables.add(
              describe(catalog.loadTable(events).schema(), PipelineHarness.rows(catalog, events)));
        } finally {
          if (catalog instanceof Closeable closeable) {
            closeable.close();
          }
        }
      }
    }

    assertThat(tables.get(1)).isEqualTo(tables.get(0));
    assertThat(tables.get(2)).isEqualTo(tables.get(0));
    assertThat(tables.get(0))
        .startsWith(
            "_rescued_data string, id long, n struct<v long>, name string, x string, y long,"
                + " z struct<a string>")
        .contains("_rescued_data={\"/x\":5}, id=1, n={v=1}, name=n1")
        .contains("_rescued_data={\"/n/v\":true}, id=2, n={}, name=n2, x=abc")
        .contains("_rescued_data={\"/x\":2.5}, id=3, name=n3");
  }

  /**
   * Two subtasks see one new field with incompatible types in one checkpoint: the subtask that
   * reads partition {@code longs} sees {@code x} only as a long, in three records, the one that
   * reads the other partition only as a string, in its last record after 20,000 plain ones. Each
   * subtask alone would pick its own type, and the one with three records reaches the end of its
   * input first, so without a meeting point the long reached the table first and won. The
   * documented order gives string, whichever partition (and so subtask) had which.
   */
  @ParameterizedTest(name = "longs on partition {0}")
  @ValueSource(ints = {0, 1})
  void aNewFieldSeenAsLongAndAsStringByTwoSubtasksInOneCheckpointGetsTheDocumentedType(
      int longs, KafkaBroker kafka, S3ProxyServer s3, FlinkCluster flink, @TempDir Path dir)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "race-" + suffix;
    String database = "race_" + suffix;
    kafka.createTopic(topic, 2);
    int plain = 20_000;
    try (BridgeLake lake = BridgeLake.start(s3, dir, suffix)) {
      PipelineSpec spec =
          PipelineHarness.spec(
              "race.yaml",
              """
              name: race-%s
              sources:
                - kafka:
                    bootstrap-servers: %s
                    topics: [%s]
              routing:
                table: events
              database: %s
              %s
              checkpointing:
                interval: 1h
              parallelism: 2
              alerts:
                log: false
              """
                  .formatted(suffix, kafka.bootstrapServers(), topic, database, lake.yaml()));
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      try {
        TableIdentifier events = TableIdentifier.of(database, "events");
        // The table exists, so the plain records are written at once and only x waits to settle.
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of(database));
        catalog.createTable(
            events,
            new Schema(
                Types.NestedField.optional(1, "id", Types.LongType.get()),
                Types.NestedField.optional(2, "name", Types.StringType.get())));
        // With its main branch: otherwise both subtasks' writers create it at once and one fails.
        catalog.loadTable(events).manageSnapshots().createBranch("main").commit();
        try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                kafka.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
          List<Future<RecordMetadata>> sent = new ArrayList<>();
          for (int id = 1; id <= 3; id++) {
            String value = "{\"id\": %d, \"x\": %d}".formatted(id, id * 5);
            sent.add(producer.send(new ProducerRecord<>(topic, longs, null, utf8(value))));
          }
          for (int id = 100; id < 100 + plain; id++) {
            String value = "{\"id\": %d, \"name\": \"n\"}".formatted(id);
            sent.add(producer.send(new ProducerRecord<>(topic, 1 - longs, null, utf8(value))));
          }
          String last = "{\"id\": 99, \"x\": \"abc\"}";
          sent.add(producer.send(new ProducerRecord<>(topic, 1 - longs, null, utf8(last))));
          for (Future<RecordMetadata> each : sent) {
            each.get();
          }
        }
        BackfillSpec range =
            BackfillSpec.builder("kafka://" + topic).runId("race-" + UUID.randomUUID()).build();
        assertThat(OneCheckpoint.run(flink, BackfillRunner.builder(spec, range), plain + 4).state())
            .isEqualTo(BackfillSummary.State.SUCCEEDED);

        Schema schema = catalog.loadTable(events).schema();
        assertThat(schema.findField("x").type()).isEqualTo(Types.StringType.get());
        List<Record> rows = PipelineHarness.rows(catalog, events);
        assertThat(rows).hasSize(plain + 4);
        Map<Long, String> drifted = new TreeMap<>();
        for (Record row : rows) {
          long id = (Long) row.getField("id");
          if (id < 100) {
            drifted.put(id, row.getField("x") + " " + row.getField("_rescued_data"));
          }
        }
        assertThat(drifted)
            .containsExactly(
                Map.entry(1L, "null {\"/x\":5}"),
                Map.entry(2L, "null {\"/x\":10}"),
                Map.entry(3L, "null {\"/x\":15}"),
                Map.entry(99L, "abc null"));
      } finally {
        if (catalog instanceof Closeable closeable) {
          closeable.close();
        }
      }
    }
  }

  /**
   * Partition 0 gets the records of the conflicting fields, partitions 1 to 3 plain records and new
   * fields of one type each, every partition in its own shuffled order.
   */
  private static int produceShuffled(KafkaBroker kafka, String topic, long seed) throws Exception {
    Map<Integer, List<String>> byPartition = new TreeMap<>();
    for (int id = 1; id <= 12; id++) {
      String x =
          switch (id % 3) {
            case 1 -> Integer.toString(id * 4 + 1);
            case 2 -> "\"abc\"";
            default -> "2.5";
          };
      String n = id % 3 == 2 ? "{\"v\": true}" : id % 3 == 1 ? "{\"v\": " + id + "}" : "null";
      byPartition
          .computeIfAbsent(0, p -> new ArrayList<>())
          .add("{\"id\": %d, \"name\": \"n%d\", \"x\": %s, \"n\": %s}".formatted(id, id, x, n));
    }
    for (int id = 100; id < 130; id++) {
      int partition = 1 + id % 3;
      String extra =
          switch (partition) {
            case 1, 2 -> ", \"y\": " + id;
            default -> ", \"z\": {\"a\": \"s" + id + "\"}";
          };
      byPartition
          .computeIfAbsent(partition, p -> new ArrayList<>())
          .add("{\"id\": %d, \"name\": \"n%d\"%s}".formatted(id, id, extra));
    }
    int count = 0;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            kafka.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Map.Entry<Integer, List<String>> partition : byPartition.entrySet()) {
        List<String> records = new ArrayList<>(partition.getValue());
        Collections.shuffle(records, new Random(seed * 31 + partition.getKey()));
        for (String record : records) {
          producer.send(new ProducerRecord<>(topic, partition.getKey(), null, utf8(record))).get();
          count++;
        }
      }
    }
    return count;
  }

  /** Columns (sorted, no ids) and rows (by id, fields by name, nulls left out). */
  private static String describe(Schema schema, List<Record> rows) {
    StringBuilder out = new StringBuilder(sortedColumns(schema.asStruct()));
    Map<Long, String> byId = new TreeMap<>();
    for (Record row : rows) {
      byId.put((Long) row.getField("id"), values(row));
    }
    byId.values().forEach(v -> out.append('\n').append(v));
    return out.toString();
  }

  private static String sortedColumns(Types.StructType struct) {
    List<String> columns = new ArrayList<>();
    for (Types.NestedField field : struct.fields()) {
      columns.add(
          field.name()
              + " "
              + (field.type().isStructType()
                  ? "struct<" + sortedColumns(field.type().asStructType()).replace(", ", ",") + ">"
                  : field.type().toString()));
    }
    Collections.sort(columns);
    return String.join(", ", columns);
  }

  private static String values(Record row) {
    Map<String, String> fields = new TreeMap<>();
    for (Types.NestedField field : row.struct().fields()) {
      Object value = row.getField(field.name());
      if (value != null) {
        fields.put(
            field.name(), value instanceof Record r ? "{" + values(r) + "}" : value.toString());
      }
    }
    return fields.toString().replaceAll("^\\{|}$", "");
  }
}
