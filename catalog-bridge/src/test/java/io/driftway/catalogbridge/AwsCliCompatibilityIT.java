package io.driftway.catalogbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian AWS CLI ({@code /usr/bin/aws}) against the bridge with {@code --endpoint-url}: what a
 * user types, what they see on stdout, stderr and in the exit code (254 for a service error).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCliCompatibilityIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A Parquet table with partition keys, in the form of the create-table example of the Glue docs.
   */
  private static final String PARQUET_TABLE_INPUT =
      """
      {"Name": "web_orders",
       "Description": "Orders written by the web shop",
       "TableType": "EXTERNAL_TABLE",
       "Parameters": {"classification": "parquet", "EXTERNAL": "TRUE"},
       "PartitionKeys": [{"Name": "year", "Type": "string"}, {"Name": "month", "Type": "string"}],
       "StorageDescriptor": {
         "Columns": [
           {"Name": "order_id", "Type": "bigint"},
           {"Name": "customer", "Type": "struct<id:bigint,name:string>"},
           {"Name": "total", "Type": "decimal(10,2)"}],
         "Location": "s3://lake/sales/web_orders/",
         "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
         "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
         "Compressed": false,
         "NumberOfBuckets": -1,
         "SerdeInfo": {
           "SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
           "Parameters": {"serialization.format": "1"}},
         "StoredAsSubDirectories": false}}
      """;

  private Path home;
  private CatalogBridge bridge;

  @BeforeAll
  void start(@TempDir Path dir) {
    home = dir;
    bridge = TestBridges.start(dir.resolve("bridge"));
  }

  @AfterAll
  void stop() {
    bridge.close();
  }

  private ExternalClient.Result aws(String... args) throws IOException, InterruptedException {
    return awsAs(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET, args);
  }

  private ExternalClient.Result awsAs(String key, String secret, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ExternalClient.AWS.toString());
    command.add("glue");
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint-url", bridge.endpoint().toString(), "--output", "json"));
    return ExternalClient.run(home, command, ExternalClient.credentials(key, secret));
  }

  private static JsonNode json(ExternalClient.Result result) throws IOException {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return JSON.readTree(result.stdout());
  }

  private String databaseWithTable() throws IOException, InterruptedException {
    String db = TestBridges.name("cli");
    assertThat(aws("create-database", "--database-input", "{\"Name\": \"" + db + "\"}").exitCode())
        .isZero();
    ExternalClient.Result created =
        aws("create-table", "--database-name", db, "--table-input", PARQUET_TABLE_INPUT);
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    return db;
  }

  @Test
  void createTableFromTheDocsExampleThenGetTableShowsIt() throws Exception {
    String db = databaseWithTable();
    JsonNode table =
        json(aws("get-table", "--database-name", db, "--name", "web_orders")).get("Table");

    assertThat(table.get("Name").asText()).isEqualTo("web_orders");
    assertThat(table.get("DatabaseName").asText()).isEqualTo(db);
    assertThat(table.get("VersionId").asText()).isEqualTo("0");
    assertThat(table.get("TableType").asText()).isEqualTo("EXTERNAL_TABLE");
    assertThat(table.get("CatalogId").asText()).isEqualTo("000000000000");
    // The CLI prints epoch-second timestamps as ISO-8601: it parsed ours.
    assertThat(OffsetDateTime.parse(table.get("CreateTime").asText())).isNotNull();
    assertThat(table.at("/StorageDescriptor/SerdeInfo/SerializationLibrary").asText())
        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
    assertThat(table.at("/StorageDescriptor/Columns/1/Type").asText())
        .isEqualTo("struct<id:bigint,name:string>");
    assertThat(table.at("/StorageDescriptor/NumberOfBuckets").asInt()).isEqualTo(-1);
    assertThat(table.at("/PartitionKeys/1/Name").asText()).isEqualTo("month");
    assertThat(table.at("/Parameters/classification").asText()).isEqualTo("parquet");
  }

  @Test
  void getTablesFiltersByExpression() throws Exception {
    String db = databaseWithTable();
    aws(
        "create-table",
        "--database-name",
        db,
        "--table-input",
        "{\"Name\": \"customers\", \"StorageDescriptor\": {\"Columns\": [{\"Name\": \"id\","
            + " \"Type\": \"bigint\"}]}}");

    JsonNode all = json(aws("get-tables", "--database-name", db)).get("TableList");
    JsonNode filtered =
        json(aws("get-tables", "--database-name", db, "--expression", "web_.*")).get("TableList");

    assertThat(names(all)).containsExactly("customers", "web_orders");
    assertThat(names(filtered)).containsExactly("web_orders");
  }

  @Test
  void batchCreatesPartitionsAndFiltersThemWithAnExpression() throws Exception {
    String db = databaseWithTable();
    StringBuilder inputs = new StringBuilder("[");
    for (String month : List.of("01", "02", "03", "04")) {
      for (String year : List.of("2023", "2024")) {
        if (inputs.length() > 1) {
          inputs.append(',');
        }
        inputs.append(
            "{\"Values\": [\"%s\", \"%s\"], \"StorageDescriptor\": {\"Location\":"
                    .formatted(year, month)
                + " \"s3://lake/sales/web_orders/year=%s/month=%s/\"}}".formatted(year, month));
      }
    }
    inputs.append(']');
    JsonNode created =
        json(
            aws(
                "batch-create-partition",
                "--database-name",
                db,
                "--table-name",
                "web_orders",
                "--partition-input-list",
                inputs.toString()));
    assertThat(created.path("Errors")).isEmpty();

    JsonNode partitions =
        json(aws(
                "get-partitions",
                "--database-name",
                db,
                "--table-name",
                "web_orders",
                "--expression",
                "year='2024' AND month IN ('01','02')"))
            .get("Partitions");
    List<String> values = new ArrayList<>();
    partitions.forEach(
        p -> values.add(p.at("/Values/0").asText() + "-" + p.at("/Values/1").asText()));
    assertThat(values).containsExactly("2024-01", "2024-02");
    assertThat(partitions.get(0).at("/StorageDescriptor/Location").asText())
        .isEqualTo("s3://lake/sales/web_orders/year=2024/month=01/");

    // The CLI follows NextToken by itself: a page size of 3 still lists all 8.
    JsonNode paged =
        json(aws(
                "get-partitions",
                "--database-name",
                db,
                "--table-name",
                "web_orders",
                "--page-size",
                "3"))
            .get("Partitions");
    assertThat(paged).hasSize(8);
  }

  @Test
  void updateTableWithAStaleVersionIdFailsWithConcurrentModification() throws Exception {
    String db = databaseWithTable();
    String updated = PARQUET_TABLE_INPUT.replace("Orders written by the web shop", "v1");
    ExternalClient.Result first =
        aws("update-table", "--database-name", db, "--table-input", updated, "--version-id", "0");
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(
            json(aws("get-table", "--database-name", db, "--name", "web_orders"))
                .at("/Table/VersionId")
                .asText())
        .isEqualTo("1");

    ExternalClient.Result stale =
        aws("update-table", "--database-name", db, "--table-input", updated, "--version-id", "0");

    assertThat(stale.exitCode()).isEqualTo(254);
    assertThat(stale.stderr())
        .contains(
            "An error occurred (ConcurrentModificationException) when calling the UpdateTable"
                + " operation: Cannot update table: VersionId 0 is not the current version 1: "
                + db
                + ".web_orders");
  }

  @Test
  void deleteTableThenGetTableIsEntityNotFound() throws Exception {
    String db = databaseWithTable();
    ExternalClient.Result deleted =
        aws("delete-table", "--database-name", db, "--name", "web_orders");
    assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();

    ExternalClient.Result missing = aws("get-table", "--database-name", db, "--name", "web_orders");

    assertThat(missing.exitCode()).isEqualTo(254);
    assertThat(missing.stderr())
        .contains(
            "An error occurred (EntityNotFoundException) when calling the GetTable operation:"
                + " Cannot get table: table not found: "
                + db
                + ".web_orders");
  }

  @Test
  void aWrongSecretIsRefusedWithInvalidSignature() throws Exception {
    ExternalClient.Result refused = awsAs(TestBridges.ADMIN_KEY, "not-the-secret", "get-databases");

    assertThat(refused.exitCode()).isEqualTo(254);
    assertThat(refused.stderr())
        .contains("An error occurred (InvalidSignatureException) when calling the GetDatabases")
        .contains("Cannot authenticate request: the signature does not match the request");
  }

  @Test
  void aReadOnlyKeyCannotDeleteAndSeesAccessDenied() throws Exception {
    String db = databaseWithTable();
    ExternalClient.Result denied =
        awsAs(
            TestBridges.READER_KEY,
            TestBridges.READER_SECRET,
            "delete-table",
            "--database-name",
            db,
            "--name",
            "web_orders");

    assertThat(denied.exitCode()).isEqualTo(254);
    assertThat(denied.stderr())
        .contains(
            "An error occurred (AccessDeniedException) when calling the DeleteTable operation");
    assertThat(
            json(aws("get-table", "--database-name", db, "--name", "web_orders"))
                .at("/Table/Name")
                .asText())
        .isEqualTo("web_orders");
  }

  private static List<String> names(JsonNode tables) {
    List<String> names = new ArrayList<>();
    tables.forEach(t -> names.add(t.get("Name").asText()));
    return names;
  }
}
