package io.driftway.catalogbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.events.EventDispatcher;
import io.driftway.catalogbridge.model.GlueJson;
import io.driftway.catalogbridge.store.CatalogStore;
import io.driftway.catalogbridge.store.StoreSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GetTable answers with the table as stored now, though its written answer is kept between calls:
 * after every kind of change, and whatever a caller does to the bytes it got.
 */
class GetTableAnswersTest {

  private static final Principal ADMIN = Principal.anonymous();
  private static final String GET = "{\"DatabaseName\":\"sales\",\"Name\":\"orders\"}";

  @TempDir Path dir;
  private CatalogStore store;
  private EventDispatcher events;
  private GlueApi api;

  @BeforeEach
  void open() {
    store = CatalogStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("catalog")));
    events = EventDispatcher.start(List.of(), 10);
    api = GlueApi.create(store, "000000000000", TableInputHook.none(), events);
    call("CreateDatabase", "{\"DatabaseInput\":{\"Name\":\"sales\"}}");
    call("CreateTable", "{\"DatabaseName\":\"sales\",\"TableInput\":" + table("first") + "}");
  }

  @AfterEach
  void close() {
    events.close();
    store.close();
  }

  @Test
  void answersTheSameBytesWhileTheTableIsUnchanged() {
    byte[] first = api.call("GetTable", bytes(GET), ADMIN);
    byte[] second = api.call("GetTable", bytes(GET), ADMIN);
    assertThat(second).isEqualTo(first).isNotSameAs(first);
  }

  @Test
  void answersTheUpdatedTableAfterUpdateTable() {
    assertThat(getTable().path("Description").asText()).isEqualTo("first");

    call(
        "UpdateTable",
        "{\"DatabaseName\":\"sales\",\"VersionId\":\"0\",\"TableInput\":" + table("second") + "}");

    JsonNode table = getTable();
    assertThat(table.path("Description").asText()).isEqualTo("second");
    assertThat(table.path("VersionId").asText()).isEqualTo("1");
  }

  @Test
  void answersNotFoundAfterDeleteTableAndTheNewTableAfterCreateTable() {
    assertThat(getTable().path("Description").asText()).isEqualTo("first");

    call("DeleteTable", "{\"DatabaseName\":\"sales\",\"Name\":\"orders\"}");
    assertThat(store.getTable("sales", "orders")).isEmpty();
    call("CreateTable", "{\"DatabaseName\":\"sales\",\"TableInput\":" + table("again") + "}");

    JsonNode table = getTable();
    assertThat(table.path("Description").asText()).isEqualTo("again");
    assertThat(table.path("VersionId").asText()).isEqualTo("0");
  }

  @Test
  void keepsItsAnswerWhateverACallerDoesToTheBytesItGot() {
    byte[] first = api.call("GetTable", bytes(GET), ADMIN);
    byte[] expected = first.clone();
    Arrays.fill(first, (byte) 'x');

    assertThat(api.call("GetTable", bytes(GET), ADMIN)).isEqualTo(expected);
  }

  private JsonNode getTable() {
    return call("GetTable", GET).path("Table");
  }

  private JsonNode call(String operation, String body) {
    return GlueJson.parse(
        new String(api.call(operation, bytes(body), ADMIN), StandardCharsets.UTF_8));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String table(String description) {
    return "{\"Name\":\"orders\",\"Description\":\""
        + description
        + "\",\"TableType\":\"EXTERNAL_TABLE\",\"Parameters\":{\"table_type\":\"ICEBERG\"},"
        + "\"StorageDescriptor\":{\"Location\":\"s3://lake/sales/orders\",\"Columns\":["
        + "{\"Name\":\"id\",\"Type\":\"bigint\"}]}}";
  }
}
