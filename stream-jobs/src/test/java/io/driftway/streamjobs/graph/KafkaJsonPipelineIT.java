package io.driftway.streamjobs.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * JSON events with drift from a real Kafka broker, through the pipeline on the MiniCluster, into an
 * Iceberg table on S3 (S3Proxy) with a JDBC catalog on PostgreSQL, read back with Iceberg's own
 * reader.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class KafkaJsonPipelineIT {

  @Test
  void evolvesTheTableQuarantinesBadRecordsAndAlerts(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "orders-" + suffix;
    String alerts = "alerts-" + suffix;
    String bucket = "lake-" + suffix;
    kafka.createTopic(topic, 2);
    PipelineHarness.createBucket(s3, bucket);

    List<byte[]> first = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      first.add(
          bytes(
              "{\"id\": %d, \"name\": \"n%d\", \"qty\": %d, \"price\": %d.5}"
                  .formatted(i, i, i, i)));
    }
    List<byte[]> later = new ArrayList<>();
    for (int i = 40; i < 80; i++) {
      // Drift: a new field, a nested object, and price turns into text (a type conflict).
      later.add(
          bytes(
              ("{\"id\": %d, \"name\": \"n%d\", \"qty\": %d, \"price\": \"%d EUR\","
                      + " \"coupon\": \"C%d\", \"address\": {\"city\": \"Lyon\"}}")
                  .formatted(i, i, 3_000_000_000L + i, i, i)));
    }
    later.add(bytes("{\"id\": 999, \"name\": "));
    later.add(bytes("not json at all"));
    PipelineHarness.produce(kafka, topic, first);

    PipelineSpec spec =
        PipelineSpecLoader.parse(
            "orders.yaml",
            """
            name: orders-%s
            sources:
              - kafka:
                  bootstrap-servers: %s
                  topics: [%s]
                  starting-position: earliest
            routing:
              table: orders
            tables:
              - name: orders
                database: sales
                partition-by: ["bucket(4, id)"]
            warehouse:
              location: s3://%s/warehouse
              s3-endpoint: %s
              s3-region: us-east-1
              s3-path-style: true
              access-key-id: %s
              secret-access-key: %s
            catalog:
              type: jdbc
              uri: %s
              user: %s
              password: %s
            checkpointing:
              interval: 1s
            parallelism: 2
            alerts:
              kafka:
                topic: %s
            """
                .formatted(
                    suffix,
                    kafka.bootstrapServers(),
                    topic,
                    bucket,
                    s3.endpoint(),
                    s3.accessKey(),
                    s3.secretKey(),
                    postgres.createDatabase("catalog"),
                    postgres.user(),
                    postgres.password(),
                    alerts),
            name -> null);

    Catalog catalog = Catalogs.loader(spec).loadCatalog();
    TableIdentifier orders = TableIdentifier.of("sales", "orders");
    TableIdentifier quarantine = TableIdentifier.of("sales", "orders_quarantine");
    JobClient job = PipelineHarness.start(flink, spec);
    try {
      // The producers change their data while the pipeline runs, after the table exists.
      PipelineHarness.awaitRows(catalog, orders, 40);
      PipelineHarness.produce(kafka, topic, later);
      List<Record> rows = PipelineHarness.awaitRows(catalog, orders, 80);
      List<Record> refused = PipelineHarness.awaitRows(catalog, quarantine, 2);

      assertThat(rows).hasSize(80);
      assertThat(rows.stream().map(r -> r.getField("id")).collect(Collectors.toSet())).hasSize(80);
      Schema schema = catalog.loadTable(orders).schema();
      assertThat(schema.findField("qty").type()).isEqualTo(Types.LongType.get());
      assertThat(schema.findField("price").type()).isEqualTo(Types.DoubleType.get());
      assertThat(schema.findField("coupon").type()).isEqualTo(Types.StringType.get());
      assertThat(schema.findField("address").type().asStructType().field("city").type())
          .isEqualTo(Types.StringType.get());
      Record late =
          rows.stream()
              .filter(r -> ((Number) r.getField("id")).longValue() == 79L)
              .findFirst()
              .orElseThrow();
      assertThat(late.getField("qty")).isEqualTo(3_000_000_079L);
      assertThat(late.getField("coupon")).isEqualTo("C79");
      // The text price does not fit the double column: nothing is lost, it is rescued as JSON.
      assertThat(late.getField("price")).isNull();
      assertThat(parse((String) late.getField("_rescued_data")).get("/price").asText())
          .isEqualTo("79 EUR");
      Record early =
          rows.stream()
              .filter(r -> ((Number) r.getField("id")).longValue() == 7L)
              .findFirst()
              .orElseThrow();
      assertThat(early.getField("price")).isEqualTo(7.5);
      assertThat(early.getField("coupon")).isNull();

      assertThat(refused).hasSize(2);
      assertThat(refused.stream().map(r -> r.getField("stage")).collect(Collectors.toSet()))
          .containsExactly("decode");
      assertThat(refused)
          .extracting(
              r ->
                  ((String) r.getField("reason"))
                      .replace(
                          ": kafka:"
                              + topic
                              + "/"
                              + r.getField("source_partition")
                              + "@"
                              + r.getField("source_position"),
                          ""))
          .containsExactlyInAnyOrder(
              "Cannot decode JSON record: Unexpected end-of-input within/between Object entries",
              "Cannot decode JSON record: Unrecognized token 'not': was expecting (JSON String,"
                  + " Number, Array, Object or token 'null', 'true' or 'false')");
      assertThat(refused)
          .extracting(
              r ->
                  new String(
                      ((java.nio.ByteBuffer) r.getField("raw")).array(), StandardCharsets.UTF_8))
          .containsExactlyInAnyOrder("{\"id\": 999, \"name\": ", "not json at all");
      assertThat(refused.stream().map(r -> (String) r.getField("source_name"))).containsOnly(topic);

      List<JsonNode> received =
          PipelineHarness.consume(kafka, alerts, 1).stream()
              .map(KafkaJsonPipelineIT::parse)
              .toList();
      Set<String> kinds =
          received.stream()
              .flatMap(a -> stream(a.get("changes")))
              .map(c -> c.get("kind").asText() + " " + c.get("path").asText())
              .collect(Collectors.toSet());
      assertThat(kinds)
          .contains("ADD_COLUMN /coupon", "ADD_COLUMN /address", "RESOLVE_CHOICE /price");
      assertThat(received).allSatisfy(a -> assertThat(a.get("table").asText()).isEqualTo("orders"));
      Map<String, Long> perId =
          received.stream()
              .collect(
                  Collectors.groupingBy(a -> a.get("alert_id").asText(), Collectors.counting()));
      assertThat(perId.values()).containsOnly(1L);
    } finally {
      job.cancel().get();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode parse(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }
}
