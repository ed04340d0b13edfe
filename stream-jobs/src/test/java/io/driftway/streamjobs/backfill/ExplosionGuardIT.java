package io.driftway.streamjobs.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.OneCheckpoint;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The explosion guard ({@code map-after-keys: 3}) on a struct column the table already has, through
 * backfills on a real table (S3Proxy warehouse, JDBC catalog on PostgreSQL), read back with
 * Iceberg's own reader: the struct keeps its columns, its new keys go to the map {@code
 * _extra_keys} inside it, the run finishes without a failure or restart, every value is in the
 * table, and one alert tells of it.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class ExplosionGuardIT {

  private static final TableIdentifier EVENTS = TableIdentifier.of("guard", "events");

  @Test
  void aStructCommittedByAnEarlierRunKeepsItsColumnsAndOverflowsIntoAMap(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    Lake lake = lake(kafka, s3, postgres);
    StringBuilder small = new StringBuilder();
    for (int id = 0; id < 20; id++) {
      small.append("{\"id\": %d, \"attrs\": {\"a\": %d, \"b\": %d}}\n".formatted(id, id, id + 1));
    }
    put(s3, lake.files, "first/part-0.json", small.toString());
    // Each file starts with the struct past the threshold, then a key it has not seen before.
    for (int file = 0; file < 2; file++) {
      StringBuilder grown = new StringBuilder();
      for (int i = 0; i < 15; i++) {
        long id = 100L + file * 15L + i;
        grown.append(
            i < 10
                ? "{\"id\": %d, \"attrs\": {\"a\": %d, \"b\": %d, \"c\": %d, \"d\": %d}}\n"
                    .formatted(id, id, id + 1, id + 2, id + 3)
                : "{\"id\": %d, \"attrs\": {\"a\": %d, \"f\": %d}}\n".formatted(id, id, id + 5));
      }
      put(s3, lake.files, "second/part-" + file + ".json", grown.toString());
    }

    BackfillSummary first = backfill(lake, flink, "first");
    Catalog catalog = Catalogs.loader(lake.pipeline).loadCatalog();
    Types.StructType committed =
        catalog.loadTable(EVENTS).schema().findField("attrs").type().asStructType();
    BackfillSummary second = backfill(lake, flink, "second");

    assertThat(first.state()).isEqualTo(BackfillSummary.State.SUCCEEDED);
    assertThat(second.state()).isEqualTo(BackfillSummary.State.SUCCEEDED);
    assertThat(failureOf(flink, second)).isNull();
    Schema schema = catalog.loadTable(EVENTS).schema();
    Types.StructType attrs = schema.findField("attrs").type().asStructType();
    assertThat(attrs.fields()).hasSize(3);
    assertThat(attrs.field("a")).isEqualTo(committed.field("a"));
    assertThat(attrs.field("b")).isEqualTo(committed.field("b"));
    assertThat(attrs.field("_extra_keys").type())
        .isEqualTo(
            Types.MapType.ofOptional(
                attrs.field("_extra_keys").type().asMapType().keyId(),
                attrs.field("_extra_keys").type().asMapType().valueId(),
                Types.StringType.get(),
                Types.LongType.get()));

    List<Record> rows = PipelineHarness.rows(catalog, EVENTS);
    assertThat(rows).hasSize(50);
    Map<Long, Record> byId = new HashMap<>();
    rows.forEach(r -> byId.put((Long) r.getField("id"), r));
    assertThat(attrsOf(byId.get(7L))).isEqualTo(Map.of("a", 7L, "b", 8L));
    for (long id = 100; id < 130; id++) {
      boolean grown = (id - 100) % 15 < 10;
      assertThat(attrsOf(byId.get(id)))
          .as("row %d", id)
          .isEqualTo(
              grown
                  ? Map.of("a", id, "b", id + 1, "_extra_keys", Map.of("c", id + 2, "d", id + 3))
                  : Map.of("a", id, "_extra_keys", Map.of("f", id + 5)));
    }
    assertThat(rows).allSatisfy(r -> assertThat(r.getField("_rescued_data")).isNull());
    assertThat(overflowAlerts(kafka, lake.alerts))
        .containsExactly("OVERFLOW_TO_MAP /attrs/_extra_keys -> map<string,long>");
  }

  @Test
  void objectsFirstSeenInOneCheckpointPastTheGuardBecomeOneMapColumn(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    // Schema moves settle per checkpoint: the object's keys seen in its first checkpoint count
    // together, whatever record came first, so it is a map from the start (never a struct that a
    // later record would have to change).
    Lake lake = lake(kafka, s3, postgres, "1h");
    StringBuilder lines = new StringBuilder();
    for (int id = 0; id < 20; id++) {
      lines.append(
          id < 10
              ? "{\"id\": %d, \"attrs\": {\"a\": %d, \"b\": %d}}\n".formatted(id, id, id)
              : "{\"id\": %d, \"attrs\": {\"a\": %d, \"b\": %d, \"c\": %d, \"d\": %d}}\n"
                  .formatted(id, id, id, id, id));
    }
    put(s3, lake.files, "once/part-0.json", lines.toString());

    BackfillSummary run =
        OneCheckpoint.run(
            flink,
            BackfillRunner.builder(
                lake.pipeline,
                BackfillSpec.builder("s3://" + lake.files + "/once/")
                    .runId("once-" + UUID.randomUUID())
                    .build()),
            20);

    assertThat(run.state()).isEqualTo(BackfillSummary.State.SUCCEEDED);
    assertThat(failureOf(flink, run)).isNull();
    Catalog catalog = Catalogs.loader(lake.pipeline).loadCatalog();
    assertThat(catalog.loadTable(EVENTS).schema().findField("attrs").type())
        .isInstanceOf(Types.MapType.class)
        .hasToString("map<string, long>");
    Map<Long, Record> byId = new HashMap<>();
    PipelineHarness.rows(catalog, EVENTS).forEach(r -> byId.put((Long) r.getField("id"), r));
    assertThat(byId).hasSize(20);
    assertThat(byId.get(3L).getField("attrs")).isEqualTo(Map.of("a", 3L, "b", 3L));
    assertThat(byId.get(15L).getField("attrs"))
        .isEqualTo(Map.of("a", 15L, "b", 15L, "c", 15L, "d", 15L));
    assertThat(overflowAlerts(kafka, lake.alerts)).isEmpty();
    ((java.io.Closeable) catalog).close();
  }

  /** A pipeline writing {@code guard.events} with the guard at 3 keys, its files and alerts. */
  private record Lake(PipelineSpec pipeline, String files, String alerts) {}

  private static Lake lake(KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres)
      throws Exception {
    return lake(kafka, s3, postgres, "1s");
  }

  private static Lake lake(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, String interval)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String files = "files-" + suffix;
    String alerts = "alerts-" + suffix;
    String live = "live-" + suffix;
    kafka.createTopic(live, 1);
    kafka.createTopic(alerts, 1);
    PipelineHarness.createBucket(s3, files);
    PipelineSpec pipeline =
        PipelineHarness.spec(
            "guard.yaml",
            """
            name: guard-%s
            sources:
              - kafka:
                  bootstrap-servers: %s
                  topics: [%s]
            routing:
              table: events
            tables:
              - name: events
                database: guard
                policies:
                  map-after-keys: 3
            %s
            checkpointing:
              interval: %s
            parallelism: 2
            alerts:
              log: false
              kafka:
                topic: %s
            """
                .formatted(
                    suffix,
                    kafka.bootstrapServers(),
                    live,
                    PipelineHarness.lake(s3, postgres, suffix),
                    interval,
                    alerts));
    return new Lake(pipeline, files, alerts);
  }

  private static BackfillSummary backfill(Lake lake, FlinkCluster flink, String folder)
      throws Exception {
    BackfillSpec spec =
        BackfillSpec.builder("s3://" + lake.files + "/" + folder + "/")
            .runId(folder + "-" + UUID.randomUUID())
            .build();
    return BackfillRunner.builder(lake.pipeline, spec).flink(flink.restAddress()).build().run();
  }

  /** The job's last failure, null when it never failed (so never restarted). */
  private static Object failureOf(FlinkCluster flink, BackfillSummary run) throws Exception {
    return flink
        .miniCluster()
        .getArchivedExecutionGraph(JobID.fromHexString(run.jobId()))
        .get()
        .getFailureInfo();
  }

  /** The {@code attrs} struct of a row as a map of its non-null fields. */
  private static Map<String, Object> attrsOf(Record row) {
    Record attrs = (Record) row.getField("attrs");
    Map<String, Object> out = new HashMap<>();
    for (Types.NestedField field : attrs.struct().fields()) {
      Object value = attrs.getField(field.name());
      if (value != null) {
        out.put(field.name(), value);
      }
    }
    return out;
  }

  /** Every alert change of the guard, read from the whole alert topic. */
  private static List<String> overflowAlerts(KafkaBroker kafka, String topic) throws IOException {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> changes = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          for (JsonNode change : json.readTree(record.value()).get("changes")) {
            if (change.get("kind").asText().equals("OVERFLOW_TO_MAP")) {
              changes.add(
                  change.get("kind").asText()
                      + " "
                      + change.get("path").asText()
                      + " -> "
                      + change.get("to").asText());
            }
          }
        }
      }
    }
    return changes;
  }

  private static void put(S3ProxyServer s3, String bucket, String key, String body) {
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
      client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
    }
  }
}
