package io.driftway.catalogbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;

/** The AWS SDK v2 GlueClient against the bridge: every operation, paginators, typed errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GlueSdkCompatibilityIT {

  private CatalogBridge bridge;
  private GlueClient glue;

  @BeforeAll
  void start(@TempDir Path dir) {
    bridge = TestBridges.start(dir);
    glue = TestBridges.admin(bridge);
  }

  @AfterAll
  void stop() {
    glue.close();
    bridge.close();
  }

  private static TableInput parquetTable(String name) {
    return TableInput.builder()
        .name(name)
        .description("orders from the web shop")
        .tableType("EXTERNAL_TABLE")
        .parameters(java.util.Map.of("classification", "parquet"))
        .partitionKeys(
            Column.builder().name("year").type("string").build(),
            Column.builder().name("month").type("int").build())
        .storageDescriptor(
            StorageDescriptor.builder()
                .columns(
                    Column.builder().name("id").type("bigint").build(),
                    Column.builder().name("item").type("struct<sku:string,qty:int>").build())
                .location("s3://lake/sales/" + name + "/")
                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .serdeInfo(
                    SerDeInfo.builder()
                        .serializationLibrary(
                            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                        .parameters(java.util.Map.of("serialization.format", "1"))
                        .build())
                .build())
        .build();
  }

  private String database() {
    String db = TestBridges.name("sales");
    glue.createDatabase(
        r -> r.databaseInput(DatabaseInput.builder().name(db).description("sales data").build()));
    return db;
  }

  @Test
  void createsGetsUpdatesAndDeletesADatabase() {
    String db = database();
    assertThat(glue.getDatabase(r -> r.name(db)).database().description()).isEqualTo("sales data");
    assertThat(glue.getDatabase(r -> r.name(db)).database().catalogId()).isEqualTo("000000000000");
    assertThat(glue.getDatabase(r -> r.name(db)).database().createTime()).isNotNull();

    glue.updateDatabase(
        r -> r.name(db).databaseInput(DatabaseInput.builder().name(db).description("new").build()));
    assertThat(glue.getDatabase(r -> r.name(db)).database().description()).isEqualTo("new");

    assertThatThrownBy(
            () ->
                glue.createDatabase(r -> r.databaseInput(DatabaseInput.builder().name(db).build())))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("Cannot create database: it already exists: " + db);

    glue.deleteDatabase(r -> r.name(db));
    assertThatThrownBy(() -> glue.getDatabase(r -> r.name(db)))
        .isInstanceOf(EntityNotFoundException.class)
        .hasMessageContaining("Cannot get database: database not found: " + db);
  }

  @Test
  void paginatesDatabasesWithThePaginator() {
    List<String> created = new ArrayList<>();
    String prefix = TestBridges.name("page");
    for (int i = 0; i < 7; i++) {
      String db = prefix + "_" + i;
      glue.createDatabase(r -> r.databaseInput(DatabaseInput.builder().name(db).build()));
      created.add(db);
    }
    List<String> seen =
        glue.getDatabasesPaginator(r -> r.maxResults(2)).stream()
            .flatMap(page -> page.databaseList().stream())
            .map(d -> d.name())
            .filter(n -> n.startsWith(prefix))
            .toList();
    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void roundTripsATableWithEveryStorageField() {
    String db = database();
    glue.createTable(r -> r.databaseName(db).tableInput(parquetTable("Orders")));

    Table table = glue.getTable(r -> r.databaseName(db).name("orders")).table();
    assertThat(table.name()).isEqualTo("orders");
    assertThat(table.databaseName()).isEqualTo(db);
    assertThat(table.versionId()).isEqualTo("0");
    assertThat(table.createTime()).isNotNull();
    assertThat(table.updateTime()).isEqualTo(table.createTime());
    assertThat(table.createdBy()).isEqualTo("arn:aws:iam::000000000000:user/admin");
    assertThat(table.partitionKeys()).extracting(Column::name).containsExactly("year", "month");
    assertThat(table.storageDescriptor().columns())
        .extracting(Column::type)
        .containsExactly("bigint", "struct<sku:string,qty:int>");
    assertThat(table.storageDescriptor().serdeInfo().serializationLibrary())
        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
    assertThat(table.storageDescriptor().serdeInfo().parameters())
        .containsEntry("serialization.format", "1");
    assertThat(table.parameters()).containsEntry("classification", "parquet");
    assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
  }

  @Test
  void updateTableAdvancesVersionsArchivesAndRefusesAStaleVersion() {
    String db = database();
    glue.createTable(r -> r.databaseName(db).tableInput(parquetTable("events")));
    TableInput changed = parquetTable("events").toBuilder().description("v1").build();
    glue.updateTable(r -> r.databaseName(db).tableInput(changed).versionId("0"));
    glue.updateTable(
        r ->
            r.databaseName(db)
                .tableInput(changed.toBuilder().description("v2").build())
                .skipArchive(true));

    Table current = glue.getTable(r -> r.databaseName(db).name("events")).table();
    assertThat(current.versionId()).isEqualTo("2");
    assertThat(current.description()).isEqualTo("v2");

    assertThatThrownBy(
            () -> glue.updateTable(r -> r.databaseName(db).tableInput(changed).versionId("1")))
        .isInstanceOf(ConcurrentModificationException.class)
        .hasMessageContaining(
            "Cannot update table: VersionId 1 is not the current version 2: " + db + ".events");

    // Version 1 was skipped (SkipArchive), version 0 archived: current first, then 0.
    List<TableVersion> versions =
        glue
            .getTableVersionsPaginator(r -> r.databaseName(db).tableName("events").maxResults(1))
            .stream()
            .flatMap(page -> page.tableVersions().stream())
            .toList();
    assertThat(versions).extracting(TableVersion::versionId).containsExactly("2", "0");
    assertThat(versions.get(1).table().description()).isEqualTo("orders from the web shop");
    assertThat(
            glue.getTableVersion(r -> r.databaseName(db).tableName("events").versionId("0"))
                .tableVersion()
                .table()
                .description())
        .isEqualTo("orders from the web shop");

    assertThatThrownBy(
            () ->
                glue.deleteTableVersion(r -> r.databaseName(db).tableName("events").versionId("2")))
        .isInstanceOf(InvalidInputException.class);
    glue.deleteTableVersion(r -> r.databaseName(db).tableName("events").versionId("0"));
    assertThatThrownBy(
            () -> glue.getTableVersion(r -> r.databaseName(db).tableName("events").versionId("0")))
        .isInstanceOf(EntityNotFoundException.class);
  }

  @Test
  void getTablesFiltersByExpressionAndPaginates() {
    String db = database();
    for (String name : List.of("orders_2023", "orders_2024", "customers", "orders_2025")) {
      glue.createTable(r -> r.databaseName(db).tableInput(parquetTable(name)));
    }
    List<String> orders =
        glue
            .getTablesPaginator(r -> r.databaseName(db).expression("orders_.*").maxResults(1))
            .stream()
            .flatMap(page -> page.tableList().stream())
            .map(Table::name)
            .toList();
    assertThat(orders).containsExactly("orders_2023", "orders_2024", "orders_2025");
    assertThat(glue.getTables(r -> r.databaseName(db)).tableList()).hasSize(4);

    assertThatThrownBy(() -> glue.getTables(r -> r.databaseName(db).expression("orders_[")))
        .isInstanceOf(InvalidInputException.class);

    glue.batchDeleteTable(r -> r.databaseName(db).tablesToDelete("orders_2023", "nope"));
    assertThat(glue.getTables(r -> r.databaseName(db)).tableList())
        .extracting(Table::name)
        .containsExactly("customers", "orders_2024", "orders_2025");
  }

  @Test
  void partitionsRoundTripAndFilterByTypedExpressions() {
    String db = database();
    glue.createTable(r -> r.databaseName(db).tableInput(parquetTable("sales")));
    List<PartitionInput> inputs = new ArrayList<>();
    for (String year : List.of("2023", "2024")) {
      for (int month = 1; month <= 12; month++) {
        String m = Integer.toString(month);
        inputs.add(
            PartitionInput.builder()
                .values(year, m)
                .storageDescriptor(
                    StorageDescriptor.builder()
                        .location("s3://lake/sales/year=" + year + "/month=" + m + "/")
                        .columns(Column.builder().name("id").type("bigint").build())
                        .build())
                .build());
      }
    }
    BatchCreatePartitionResponse created =
        glue.batchCreatePartition(
            r -> r.databaseName(db).tableName("sales").partitionInputList(inputs));
    assertThat(created.errors()).isEmpty();
    BatchCreatePartitionResponse again =
        glue.batchCreatePartition(
            r -> r.databaseName(db).tableName("sales").partitionInputList(inputs.subList(0, 2)));
    assertThat(again.errors())
        .extracting(e -> e.errorDetail().errorCode())
        .containsOnly("AlreadyExistsException");

    // month is an int key: 10 > 9 numerically, not as strings.
    assertThat(values(db, "year = '2024' AND month >= 10"))
        .containsExactly("2024/10", "2024/11", "2024/12");
    assertThat(values(db, "year = '2023' AND month BETWEEN 2 AND 3"))
        .containsExactly("2023/2", "2023/3");
    assertThat(values(db, "month IN (1, 12) AND NOT year <> '2024'"))
        .containsExactly("2024/1", "2024/12");
    assertThat(values(db, "year LIKE '20%3' AND month < 2")).containsExactly("2023/1");
    assertThat(values(db, null)).hasSize(24);

    List<Partition> paged =
        glue
            .getPartitionsPaginator(
                GetPartitionsRequest.builder()
                    .databaseName(db)
                    .tableName("sales")
                    .maxResults(5)
                    .build())
            .stream()
            .flatMap(page -> page.partitions().stream())
            .toList();
    assertThat(paged).hasSize(24);

    List<Partition> excluded =
        glue.getPartitions(r -> r.databaseName(db).tableName("sales").excludeColumnSchema(true))
            .partitions();
    assertThat(excluded.get(0).storageDescriptor().columns()).isEmpty();
    assertThat(excluded.get(0).storageDescriptor().location()).startsWith("s3://lake/sales/");

    int segmented =
        IntStream.range(0, 3)
            .map(
                s ->
                    glue.getPartitions(
                            r ->
                                r.databaseName(db)
                                    .tableName("sales")
                                    .segment(g -> g.segmentNumber(s).totalSegments(3)))
                        .partitions()
                        .size())
            .sum();
    assertThat(segmented).isEqualTo(24);

    Partition one =
        glue.getPartition(r -> r.databaseName(db).tableName("sales").partitionValues("2024", "5"))
            .partition();
    assertThat(one.storageDescriptor().location()).isEqualTo("s3://lake/sales/year=2024/month=5/");
    assertThat(one.creationTime()).isNotNull();

    glue.updatePartition(
        r ->
            r.databaseName(db)
                .tableName("sales")
                .partitionValueList("2024", "5")
                .partitionInput(
                    PartitionInput.builder()
                        .values("2024", "5")
                        .parameters(java.util.Map.of("rows", "42"))
                        .build()));
    assertThat(
            glue.getPartition(
                    r -> r.databaseName(db).tableName("sales").partitionValues("2024", "5"))
                .partition()
                .parameters())
        .containsEntry("rows", "42");

    assertThat(
            glue.batchGetPartition(
                    r ->
                        r.databaseName(db)
                            .tableName("sales")
                            .partitionsToGet(
                                PartitionValueList.builder().values("2024", "5").build(),
                                PartitionValueList.builder().values("1999", "1").build()))
                .partitions())
        .extracting(Partition::values)
        .containsExactly(List.of("2024", "5"));

    glue.deletePartition(r -> r.databaseName(db).tableName("sales").partitionValues("2024", "5"));
    assertThat(
            glue.batchDeletePartition(
                    r ->
                        r.databaseName(db)
                            .tableName("sales")
                            .partitionsToDelete(
                                PartitionValueList.builder().values("2024", "5").build(),
                                PartitionValueList.builder().values("2024", "6").build()))
                .errors())
        .extracting(e -> e.errorDetail().errorCode())
        .containsExactly("EntityNotFoundException");
    assertThat(values(db, "year = '2024' AND month BETWEEN 5 AND 6")).isEmpty();
  }

  private List<String> values(String db, String expression) {
    return glue
        .getPartitionsPaginator(
            GetPartitionsRequest.builder()
                .databaseName(db)
                .tableName("sales")
                .expression(expression)
                .build())
        .stream()
        .flatMap(page -> page.partitions().stream())
        .map(p -> String.join("/", p.values()))
        .toList();
  }

  @Test
  void reportsInputErrorsWithGlueTypes() {
    String db = database();
    glue.createTable(r -> r.databaseName(db).tableInput(parquetTable("t")));
    assertThatThrownBy(
            () ->
                glue.createPartition(
                    r ->
                        r.databaseName(db)
                            .tableName("t")
                            .partitionInput(PartitionInput.builder().values("2024").build())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "Cannot create partition: 1 values for 2 partition keys [year, month]: "
                + db
                + ".t [2024]");
    assertThatThrownBy(
            () -> glue.getPartitions(r -> r.databaseName(db).tableName("t").expression("day = 1")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "Cannot filter partitions: unknown partition key (keys are [year, month]): day");
    assertThatThrownBy(
            () -> glue.getPartitions(r -> r.databaseName(db).tableName("t").expression("year = ")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Cannot parse partition expression");
    assertThatThrownBy(() -> glue.getTable(r -> r.databaseName(db).name("missing")))
        .isInstanceOf(EntityNotFoundException.class)
        .hasMessageContaining("Cannot get table: table not found: " + db + ".missing");
    assertThatThrownBy(() -> glue.getTable(r -> r.databaseName("nodb_x").name("missing")))
        .isInstanceOf(EntityNotFoundException.class)
        .hasMessageContaining("Cannot get table: database not found: nodb_x");
    assertThatThrownBy(
            () -> glue.getTable(r -> r.catalogId("123456789012").databaseName(db).name("t")))
        .isInstanceOf(EntityNotFoundException.class)
        .hasMessageContaining("Cannot find catalog");
  }

  @Test
  void readOnlyPrincipalReadsButCannotWrite() {
    String db = database();
    glue.createTable(r -> r.databaseName(db).tableInput(parquetTable("t")));
    try (GlueClient reader = TestBridges.reader(bridge)) {
      assertThat(reader.getTable(r -> r.databaseName(db).name("t")).table().name()).isEqualTo("t");
      assertThatThrownBy(() -> reader.deleteTable(r -> r.databaseName(db).name("t")))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining(
              "Cannot delete table: principal reader has no admin rights on database: " + db);
    }
  }

  @Test
  void unknownOperationsGetAClearErrorNotAServerError() {
    assertThatThrownBy(() -> glue.getClassifiers(r -> r.maxResults(1)))
        .isInstanceOf(GlueException.class)
        .satisfies(
            e -> {
              GlueException glueError = (GlueException) e;
              assertThat(glueError.statusCode()).isEqualTo(400);
              assertThat(glueError.awsErrorDetails().errorCode())
                  .isEqualTo("UnknownOperationException");
              assertThat(glueError.awsErrorDetails().errorMessage())
                  .contains("does not serve it")
                  .contains("AWSGlue.GetClassifiers");
            });
  }
}
