package io.driftway.connectors.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaChangeAlertTest {

  static SchemaChangeAlert alert(String after) {
    return new SchemaChangeAlert(
        "orders",
        "sales",
        "orders",
        "a1b2c3",
        after,
        List.of(
            new SchemaChangeAlert.Change(
                "ADD_COLUMN", "/coupon", null, "string", "new-fields: evolve"),
            new SchemaChangeAlert.Change("WIDEN", "/qty", "int", "long", "type-conflicts: widen")),
        "kafka:orders/1@42",
        "{\"coupon\":\"X1\",\"qty\":3000000000}",
        Instant.parse("2026-11-23T10:15:30Z"));
  }

  @Test
  void carriesTheChangesTheFirstSeenCoordinatesAndASampleAsJson() throws Exception {
    JsonNode json = new ObjectMapper().readTree(alert("d4e5f6").toJson());

    assertThat(json.get("alert_id").asText()).isEqualTo("sales.orders@d4e5f6");
    assertThat(json.get("type").asText()).isEqualTo("schema_change");
    assertThat(json.get("schema_id_before").asText()).isEqualTo("a1b2c3");
    assertThat(json.get("schema_id_after").asText()).isEqualTo("d4e5f6");
    assertThat(json.get("changes")).hasSize(2);
    assertThat(json.get("changes").get(1).get("kind").asText()).isEqualTo("WIDEN");
    assertThat(json.get("changes").get(1).get("from").asText()).isEqualTo("int");
    assertThat(json.get("changes").get(1).get("to").asText()).isEqualTo("long");
    assertThat(json.get("changes").get(0).get("from").isNull()).isTrue();
    assertThat(json.get("first_seen_at").asText()).isEqualTo("kafka:orders/1@42");
    assertThat(json.get("sample").asText()).contains("X1");
    assertThat(json.get("detected_at").asText()).isEqualTo("2026-11-23T10:15:30Z");
  }

  @Test
  void cutsALongSample() {
    SchemaChangeAlert alert =
        new SchemaChangeAlert(
            "p", "d", "t", "a", "b", List.of(), "x", "y".repeat(10_000), Instant.EPOCH);

    assertThat(alert.sample()).hasSize(SchemaChangeAlert.SAMPLE_CHARS + 3).endsWith("...");
  }

  @Test
  void summarizesForTheLog() {
    assertThat(alert("d4e5f6").summary())
        .isEqualTo(
            "Schema change in sales.orders (a1b2c3 -> d4e5f6), first seen at kafka:orders/1@42:"
                + " [ADD_COLUMN /coupon null -> string (new-fields: evolve), WIDEN /qty int -> long"
                + " (type-conflicts: widen)]");
  }
}
