package io.driftway.catalogbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogEventTest {

  @Test
  void tableChangesAreTableStateChangeEventsWithPartitionsAsGlueWritesThem() {
    JsonNode json =
        CatalogEvent.tableChange(
                "BatchCreatePartition",
                "sales",
                "orders",
                List.of(List.of("2024", "03"), List.of("2024", "04")),
                "pipeline")
            .toEventBridgeJson("123456789012", "eu-west-1");
    assertThat(json.get("detail-type").asText()).isEqualTo("Glue Data Catalog Table State Change");
    assertThat(json.get("source").asText()).isEqualTo("aws.glue");
    assertThat(json.at("/detail/typeOfChange").asText()).isEqualTo("BatchCreatePartition");
    assertThat(json.at("/detail/changedPartitions").toString())
        .isEqualTo("[\"[2024, 03]\",\"[2024, 04]\"]");
    assertThat(json.at("/resources/0").asText())
        .isEqualTo("arn:aws:glue:eu-west-1:123456789012:table/sales/orders");
  }

  @Test
  void tableCreationIsADatabaseStateChangeListingTheTables() {
    JsonNode json =
        CatalogEvent.databaseChange("CreateTable", "sales", List.of("orders"), "pipeline")
            .toEventBridgeJson("123456789012", "eu-west-1");
    assertThat(json.get("detail-type").asText())
        .isEqualTo("Glue Data Catalog Database State Change");
    assertThat(json.at("/detail/changedTables/0").asText()).isEqualTo("orders");
    assertThat(json.at("/detail/tableName").isMissingNode()).isTrue();
  }
}
