package io.driftway.catalogbridge.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void handsOutCopiesOfItsViewDefinitionSoReadersCannotChangeIt() {
    TableInput input =
        GlueJson.read(
            "{\"Name\":\"v\",\"ViewDefinition\":{\"Definer\":\"a\"}}"
                .getBytes(StandardCharsets.UTF_8),
            TableInput.class);
    Instant now = Instant.ofEpochSecond(1_700_000_000L);
    Table table = Table.from(input, "v", "sales", now, now, "tester", "000000000000", "0");

    ((ObjectNode) table.viewDefinition()).put("Definer", "changed");

    assertThat(table.viewDefinition().path("Definer").asText()).isEqualTo("a");
    assertThat(GlueJson.writeString(table)).contains("\"ViewDefinition\":{\"Definer\":\"a\"}");
  }
}
