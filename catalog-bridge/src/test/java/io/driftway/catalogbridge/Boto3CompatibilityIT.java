package io.driftway.catalogbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * boto3 (Debian's {@code python3-boto3}, run by {@code /usr/bin/python3}) against the bridge: the
 * script observes, this test asserts what a boto3 user sees — values, modeled exception classes,
 * paginators.
 */
class Boto3CompatibilityIT {

  @Test
  void boto3SeesGlueShapesErrorsAndPaginators(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("boto3_scenario.py");
    try (InputStream in = getClass().getResourceAsStream("/clients/boto3_scenario.py")) {
      Files.copy(in, script);
    }
    String db = TestBridges.name("boto");
    try (CatalogBridge bridge = TestBridges.start(dir.resolve("bridge"))) {
      Map<String, String> env =
          new HashMap<>(
              ExternalClient.credentials(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET));
      env.put("BRIDGE_ENDPOINT", bridge.endpoint().toString());
      env.put("DATABASE", db);

      ExternalClient.Result result =
          ExternalClient.run(
              dir, List.of(ExternalClient.PYTHON.toString(), script.toString()), env);

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      JsonNode seen = new ObjectMapper().readTree(result.stdout());

      assertThat(seen.at("/table/name").asText()).isEqualTo("clicks");
      assertThat(seen.at("/table/version").asText()).isEqualTo("0");
      assertThat(seen.at("/table/create_time_is_datetime").asBoolean()).isTrue();
      assertThat(seen.at("/table/create_time_tz").asText()).isEqualTo("tzlocal()");
      assertThat(texts(seen.at("/table/columns"))).containsExactly("user_id:bigint", "url:string");
      assertThat(texts(seen.at("/table/partition_keys"))).containsExactly("dt", "hour");
      assertThat(seen.at("/table/serde").asText())
          .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");

      assertThat(texts(seen.get("get_tables_pages"))).containsExactly("2", "2", "2");
      assertThat(texts(seen.get("get_tables_names")))
          .containsExactly("clicks", "extra_0", "extra_1", "extra_2", "extra_3", "extra_4");

      assertThat(seen.get("batch_create_errors").asInt()).isZero();
      assertThat(seen.get("partitions_all").asInt()).isEqualTo(72);
      assertThat(texts(seen.get("partitions_filtered")))
          .containsExactly("2024-03-02/10", "2024-03-02/9", "2024-03-03/10", "2024-03-03/9");

      assertThat(texts(seen.get("table_versions"))).containsExactly("2", "1", "0");

      assertThat(seen.at("/stale_update/class").asText())
          .isEqualTo("ConcurrentModificationException");
      assertThat(seen.at("/stale_update/code").asText())
          .isEqualTo("ConcurrentModificationException");
      assertThat(seen.at("/stale_update/message").asText())
          .isEqualTo(
              "Cannot update table: VersionId 1 is not the current version 2: " + db + ".clicks");
      assertThat(seen.at("/stale_update/status").asInt()).isEqualTo(400);
      assertThat(seen.get("stale_update_caught_by_modeled_class").asBoolean()).isTrue();

      assertThat(seen.at("/missing_table/class").asText()).isEqualTo("EntityNotFoundException");
      assertThat(seen.at("/missing_table/message").asText())
          .isEqualTo("Cannot get table: table not found: " + db + ".nope");
      assertThat(seen.get("missing_table_caught_by_modeled_class").asBoolean()).isTrue();
      assertThat(seen.at("/duplicate_database/class").asText()).isEqualTo("AlreadyExistsException");
      assertThat(seen.at("/bad_expression/class").asText()).isEqualTo("InvalidInputException");
      assertThat(seen.at("/bad_expression/message").asText())
          .isEqualTo(
              "Cannot filter partitions: 'x' is not a valid integer value for partition key: hour");
      assertThat(seen.at("/after_delete/class").asText()).isEqualTo("EntityNotFoundException");
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
