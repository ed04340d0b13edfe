package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.parseJson;
import static io.driftway.streamjobs.graph.PipelineHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schema-change alerts delivered to an HTTP webhook on loopback as JSON: one delivery per (table,
 * schema), carrying the changes, the deciding policy, where the change was first seen and a sample.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class WebhookAlertsIT {

  @Test
  void deliversOneJsonAlertPerSchemaChangeToTheWebhook(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "signups-" + suffix;
    kafka.createTopic(topic, 2);
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      PipelineSpec spec =
          PipelineHarness.spec(
              "signups.yaml",
              """
              name: signups-%s
              sources:
                - kafka:
                    bootstrap-servers: %s
                    topics: [%s]
                    starting-position: earliest
              routing:
                table: signups
              tables:
                - name: signups
                  database: crm
              %s
              checkpointing:
                interval: 1s
              parallelism: 2
              alerts:
                log: false
                webhook:
                  url: %s
                  timeout: 5s
                  max-attempts: 3
                  initial-backoff: 100ms
              """
                  .formatted(
                      suffix,
                      kafka.bootstrapServers(),
                      topic,
                      PipelineHarness.lake(s3, postgres, suffix),
                      receiver.url("/hooks/driftway")));

      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      TableIdentifier signups = TableIdentifier.of("crm", "signups");
      PipelineHarness.produce(kafka, topic, events(0, 20, ""));
      JobClient job = PipelineHarness.start(flink, spec);
      try {
        PipelineHarness.awaitRows(catalog, signups, 20);
        PipelineHarness.produce(kafka, topic, events(20, 40, ", \"plan\": \"pro\""));
        PipelineHarness.awaitRows(catalog, signups, 40);
        PipelineHarness.produce(kafka, topic, events(40, 60, ", \"plan\": \"pro\", \"seats\": 3"));
        PipelineHarness.awaitRows(catalog, signups, 60);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> alertAdding(receiver, "/seats").isPresent());

        List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
        assertThat(deliveries)
            .allSatisfy(
                d -> {
                  assertThat(d.path()).isEqualTo("/hooks/driftway");
                  assertThat(d.contentType()).startsWith("application/json");
                });
        List<JsonNode> alerts = deliveries.stream().map(d -> parseJson(d.body())).toList();
        Map<String, Long> perSchema =
            alerts.stream()
                .collect(
                    Collectors.groupingBy(a -> a.get("alert_id").asText(), Collectors.counting()));
        assertThat(perSchema.values()).containsOnly(1L);

        JsonNode plan = alertAdding(receiver, "/plan").orElseThrow();
        assertThat(plan.get("type").asText()).isEqualTo("schema_change");
        assertThat(plan.get("pipeline").asText()).isEqualTo("signups-" + suffix);
        assertThat(plan.get("database").asText()).isEqualTo("crm");
        assertThat(plan.get("table").asText()).isEqualTo("signups");
        assertThat(plan.get("alert_id").asText())
            .isEqualTo("crm.signups@" + plan.get("schema_id_after").asText());
        assertThat(plan.get("schema_id_before").asText())
            .isNotEqualTo(plan.get("schema_id_after").asText());
        JsonNode change = change(plan, "/plan");
        assertThat(change.get("kind").asText()).isEqualTo("ADD_COLUMN");
        assertThat(change.get("to").asText()).isEqualTo("string");
        assertThat(change.get("policy").asText()).isEqualTo("new-fields=evolve");
        assertThat(plan.get("first_seen_at").asText()).matches("kafka:" + topic + "/[01]@\\d+");
        assertThat(plan.get("sample").asText()).contains("\"plan\": \"pro\"");
        assertThat(Instant.parse(plan.get("detected_at").asText())).isBefore(Instant.now());

        JsonNode seats = alertAdding(receiver, "/seats").orElseThrow();
        assertThat(change(seats, "/seats").get("to").asText()).isEqualTo("long");
        assertThat(seats.get("schema_id_before").asText())
            .isEqualTo(plan.get("schema_id_after").asText());
      } finally {
        job.cancel().get();
      }
    }
  }

  private static List<byte[]> events(int from, int to, String extra) {
    List<byte[]> events = new ArrayList<>();
    for (int i = from; i < to; i++) {
      events.add(utf8("{\"id\": %d, \"email\": \"u%d@example.com\"%s}".formatted(i, i, extra)));
    }
    return events;
  }

  /** The delivered alert whose changes add {@code path}, if one arrived. */
  private static Optional<JsonNode> alertAdding(WebhookReceiver receiver, String path) {
    return receiver.deliveries().stream()
        .map(d -> parseJson(d.body()))
        .filter(
            a -> {
              for (JsonNode c : a.get("changes")) {
                if (c.get("path").asText().equals(path)) {
                  return true;
                }
              }
              return false;
            })
        .findFirst();
  }

  private static JsonNode change(JsonNode alert, String path) {
    for (JsonNode c : alert.get("changes")) {
      if (c.get("path").asText().equals(path)) {
        return c;
      }
    }
    throw new AssertionError("no change of " + path + " in " + alert);
  }
}
