package io.driftway.catalogbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.TestBridges;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/** Table changes reach a webhook and an in-process sink, shaped like Glue's EventBridge events. */
class CatalogEventsIT {

  @Test
  void deliversGlueShapedEventsToWebhookAndInProcessSinks(@TempDir Path dir) throws IOException {
    List<JsonNode> posted = new CopyOnWriteArrayList<>();
    HttpServer webhook =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    webhook.createContext(
        "/hook",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            posted.add(new ObjectMapper().readTree(in));
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    webhook.start();
    List<CatalogEvent> inProcess = new CopyOnWriteArrayList<>();
    try (CatalogBridge bridge =
            CatalogBridge.start(
                TestBridges.config(dir)
                    .set(
                        BridgeOptions.EVENTS_WEBHOOK_URL,
                        URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"))
                    .build(),
                List.of(inProcess::add));
        GlueClient glue = TestBridges.admin(bridge)) {
      String db = TestBridges.name("events");
      glue.createDatabase(r -> r.databaseInput(DatabaseInput.builder().name(db).build()));
      TableInput table =
          TableInput.builder()
              .name("clicks")
              .partitionKeys(Column.builder().name("day").type("string").build())
              .storageDescriptor(StorageDescriptor.builder().location("s3://lake/clicks/").build())
              .build();
      glue.createTable(r -> r.databaseName(db).tableInput(table));
      glue.updateTable(
          r -> r.databaseName(db).tableInput(table.toBuilder().description("x").build()));
      glue.batchCreatePartition(
          r ->
              r.databaseName(db)
                  .tableName("clicks")
                  .partitionInputList(
                      PartitionInput.builder().values("2024-03-01").build(),
                      PartitionInput.builder().values("2024-03-02").build()));
      glue.deleteTable(r -> r.databaseName(db).name("clicks"));

      await().atMost(Duration.ofSeconds(20)).until(() -> posted.size() >= 5);

      assertThat(posted)
          .extracting(
              e -> e.get("detail-type").asText() + " " + e.at("/detail/typeOfChange").asText())
          .containsExactly(
              "Glue Data Catalog Database State Change CreateDatabase",
              "Glue Data Catalog Database State Change CreateTable",
              "Glue Data Catalog Table State Change UpdateTable",
              "Glue Data Catalog Table State Change BatchCreatePartition",
              "Glue Data Catalog Database State Change DeleteTable");
      JsonNode partitions = posted.get(3);
      assertThat(partitions.get("source").asText()).isEqualTo("aws.glue");
      assertThat(partitions.get("account").asText()).isEqualTo("000000000000");
      assertThat(partitions.get("region").asText()).isEqualTo("us-east-1");
      assertThat(partitions.at("/detail/databaseName").asText()).isEqualTo(db);
      assertThat(partitions.at("/detail/tableName").asText()).isEqualTo("clicks");
      assertThat(partitions.at("/detail/changedPartitions").toString())
          .isEqualTo("[\"[2024-03-01]\",\"[2024-03-02]\"]");
      assertThat(partitions.at("/resources/0").asText())
          .isEqualTo("arn:aws:glue:us-east-1:000000000000:table/" + db + "/clicks");
      assertThat(posted.get(1).at("/detail/changedTables/0").asText()).isEqualTo("clicks");

      await().atMost(Duration.ofSeconds(20)).until(() -> inProcess.size() >= 5);
      assertThat(inProcess).extracting(CatalogEvent::principal).containsOnly("admin");
    } finally {
      webhook.stop(0);
    }
  }
}
