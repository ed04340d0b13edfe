package io.driftway.streamjobs.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.catalogbridge.storage.S3Settings;
import io.driftway.catalogbridge.sync.GlueClients;
import io.driftway.platform.config.Configuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DeleteBehavior;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateBehavior;

/**
 * The crawl engine on local folders against a real catalog bridge (in this JVM, over HTTP through
 * the AWS SDK Glue client): tables, partitions, incremental runs and the SchemaChangePolicy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrawlerIT {

  private CatalogBridge bridge;
  private GlueClient glue;
  private Path dir;

  @BeforeAll
  void start(@TempDir Path tmp) {
    dir = tmp;
    bridge =
        CatalogBridge.start(
            Configuration.builder(BridgeOptions.all())
                .set(BridgeOptions.SERVER_PORT, 0)
                .set(BridgeOptions.SERVER_SHUTDOWN_GRACE, Duration.ofSeconds(1))
                .set(BridgeOptions.AUTH_MODE, AuthMode.NONE)
                .set(BridgeOptions.EVENTS_LOG, false)
                .set(BridgeOptions.STORE_URL, "jdbc:h2:file:" + tmp.resolve("catalog"))
                .build());
    glue = GlueClients.create(bridge.endpoint(), "us-east-1", "any", "any");
  }

  @AfterAll
  void stop() {
    glue.close();
    bridge.close();
  }

  private Crawler crawler() {
    return Crawler.create(glue, new S3Settings(null, "us-east-1", null, null, false));
  }

  private static String name(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private CrawlResult crawl(
      Path root, String db, String table, UpdateBehavior update, DeleteBehavior delete) {
    try (Crawler crawler = crawler()) {
      return crawler.crawl(
          CrawlRequest.builder()
              .location(root.toString())
              .database(db)
              .table(table)
              .updateBehavior(update)
              .deleteBehavior(delete)
              .build());
    }
  }

  private Table table(String db, String table) {
    return glue.getTable(b -> b.databaseName(db).name(table)).table();
  }

  private Map<String, Partition> partitions(String db, String table) {
    return glue.getPartitions(b -> b.databaseName(db).tableName(table)).partitions().stream()
        .collect(Collectors.toMap(p -> String.join("/", p.values()), p -> p));
  }

  private static List<String> columns(List<Column> columns) {
    return columns.stream().map(c -> c.name() + " " + c.type()).toList();
  }

  @Test
  void crawlsPartitionedJsonThenOnlyNewPartitionsAndHonoursThePolicy() throws IOException {
    Path root = dir.resolve(name("events"));
    String db = name("raw");
    String table = "events";
    write(
        root.resolve("year=2024/month=01/part-0.json"),
        "{\"id\": 1, \"name\": \"a\", \"amount\": 1.5}\n{\"id\": 2, \"name\": \"b\"}\n");
    write(root.resolve("year=2024/month=02/part-0.json"), "{\"id\": 3, \"amount\": 2}\n");
    write(root.resolve("year=2023/month=12/part-0.json"), "{\"id\": 4, \"name\": \"d\"}\n");
    write(root.resolve("year=2023/month=12/_SUCCESS"), "");

    CrawlResult first =
        crawl(root, db, table, UpdateBehavior.UPDATE_IN_DATABASE, DeleteBehavior.LOG);

    assertThat(first.tableCreated()).isTrue();
    assertThat(first.classification()).isEqualTo("json");
    assertThat(first.partitionsAdded()).containsExactly("2023/12", "2024/01", "2024/02");
    assertThat(first.filesSampled()).isEqualTo(3);
    assertThat(first.recordsSampled()).isEqualTo(4);
    Table created = table(db, table);
    assertThat(created.tableType()).isEqualTo("EXTERNAL_TABLE");
    assertThat(created.storageDescriptor().location()).isEqualTo(root + "/");
    assertThat(columns(created.storageDescriptor().columns()))
        .containsExactly("id bigint", "name string", "amount double");
    assertThat(columns(created.partitionKeys())).containsExactly("year int", "month string");
    assertThat(created.storageDescriptor().serdeInfo().serializationLibrary())
        .isEqualTo("org.openx.data.jsonserde.JsonSerDe");
    assertThat(created.storageDescriptor().serdeInfo().parameters())
        .containsEntry("paths", "amount,id,name");
    assertThat(created.storageDescriptor().inputFormat())
        .isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
    assertThat(created.parameters())
        .containsEntry("classification", "json")
        .containsEntry("compressionType", "none")
        .containsEntry("UPDATED_BY_CRAWLER", "driftway");
    Map<String, Partition> before = partitions(db, table);
    assertThat(before.get("2024/01").storageDescriptor().location())
        .isEqualTo(root + "/year=2024/month=01/");

    // A new partition whose file has a new column; UpdateBehavior LOG keeps the table.
    write(
        root.resolve("year=2024/month=03/part-0.json"),
        "{\"id\": 5, \"name\": \"e\", \"coupon\": \"X1\"}\n");
    CrawlResult second = crawl(root, db, table, UpdateBehavior.LOG, DeleteBehavior.LOG);

    assertThat(second.tableCreated()).isFalse();
    assertThat(second.tableUpdated()).isFalse();
    assertThat(second.partitionsAdded()).containsExactly("2024/03");
    assertThat(second.partitionsKnown()).isEqualTo(3);
    assertThat(second.filesSampled()).isEqualTo(1);
    assertThat(second.schemaChangesNotApplied()).containsExactly("add column coupon string");
    assertThat(second.foldersListed())
        .containsExactly(
            root + "/", root + "/year=2023/", root + "/year=2024/", root + "/year=2024/month=03/");
    assertThat(columns(table(db, table).storageDescriptor().columns()))
        .containsExactly("id bigint", "name string", "amount double");
    Map<String, Partition> after = partitions(db, table);
    assertThat(after).hasSize(4);
    for (String known : List.of("2023/12", "2024/01", "2024/02")) {
      Instant created1 = before.get(known).creationTime();
      assertThat(after.get(known).creationTime()).isEqualTo(created1);
      assertThat(after.get(known).lastAccessTime()).isEqualTo(before.get(known).lastAccessTime());
    }

    // Nothing new: nothing sampled, nothing written.
    CrawlResult idle =
        crawl(root, db, table, UpdateBehavior.UPDATE_IN_DATABASE, DeleteBehavior.LOG);
    assertThat(idle.filesSampled()).isZero();
    assertThat(idle.partitionsAdded()).isEmpty();
    assertThat(idle.tableUpdated()).isFalse();

    // UPDATE_IN_DATABASE adds the column seen in a new partition; a gone partition is deleted.
    write(root.resolve("year=2024/month=04/part-0.json"), "{\"id\": 6, \"coupon\": \"Y\"}\n");
    deleteTree(root.resolve("year=2023"));
    CrawlResult third =
        crawl(
            root,
            db,
            table,
            UpdateBehavior.UPDATE_IN_DATABASE,
            DeleteBehavior.DELETE_FROM_DATABASE);
    assertThat(third.tableUpdated()).isTrue();
    assertThat(third.columnsAdded()).containsExactly("coupon string");
    assertThat(third.partitionsAdded()).containsExactly("2024/04");
    assertThat(third.partitionsDeleted()).containsExactly("2023/12");
    assertThat(columns(table(db, table).storageDescriptor().columns()))
        .containsExactly("id bigint", "name string", "amount double", "coupon string");
    assertThat(partitions(db, table).keySet())
        .containsExactlyInAnyOrder("2024/01", "2024/02", "2024/03", "2024/04");

    // DEPRECATE_IN_DATABASE marks a gone partition, then the whole table.
    deleteTree(root.resolve("year=2024/month=02"));
    CrawlResult fourth =
        crawl(
            root,
            db,
            table,
            UpdateBehavior.UPDATE_IN_DATABASE,
            DeleteBehavior.DEPRECATE_IN_DATABASE);
    assertThat(fourth.partitionsDeprecated()).containsExactly("2024/02");
    assertThat(partitions(db, table).get("2024/02").parameters())
        .containsKey("DEPRECATED_BY_CRAWLER");
    assertThat(partitions(db, table).get("2024/01").parameters())
        .doesNotContainKey("DEPRECATED_BY_CRAWLER");

    // Its folder comes back: the marker goes, the partition is not added again.
    write(root.resolve("year=2024/month=02/part-1.json"), "{\"id\": 30}\n");
    CrawlResult back =
        crawl(root, db, table, UpdateBehavior.UPDATE_IN_DATABASE, DeleteBehavior.LOG);
    assertThat(back.log()).contains("partition 2024/02 is back, no longer deprecated");
    assertThat(back.partitionsAdded()).isEmpty();
    assertThat(partitions(db, table).get("2024/02").parameters())
        .doesNotContainKey("DEPRECATED_BY_CRAWLER");

    deleteTree(root);
    Files.createDirectories(root);
    CrawlResult gone =
        crawl(
            root,
            db,
            table,
            UpdateBehavior.UPDATE_IN_DATABASE,
            DeleteBehavior.DEPRECATE_IN_DATABASE);
    assertThat(gone.tableGone()).isTrue();
    assertThat(table(db, table).parameters()).containsKey("DEPRECATED_BY_CRAWLER");
    CrawlResult deleted =
        crawl(
            root,
            db,
            table,
            UpdateBehavior.UPDATE_IN_DATABASE,
            DeleteBehavior.DELETE_FROM_DATABASE);
    assertThat(deleted.tableGone()).isTrue();
    assertThatThrownBy(() -> table(db, table)).isInstanceOf(EntityNotFoundException.class);
  }

  @Test
  void crawlsUnpartitionedCsvInFileColumnOrder() throws IOException {
    Path root = dir.resolve(name("orders"));
    String db = name("raw");
    write(root.resolve("a.csv"), "order_id,customer,total,day\n1,ann,9.5,2024-01-02\n2,bob,3,\n");
    write(root.resolve("b.csv"), "order_id,customer,total,day\n3,cy,4.25,2024-01-03\n");
    Path quotedRoot = dir.resolve(name("quoted"));
    write(quotedRoot.resolve("a.csv"), "id,note\n1,\"a, b\"\n2,plain\n");

    CrawlResult result =
        crawl(root, db, "orders", UpdateBehavior.UPDATE_IN_DATABASE, DeleteBehavior.LOG);

    assertThat(result.tableCreated()).isTrue();
    assertThat(result.partitionsAdded()).isEmpty();
    Table created = table(db, "orders");
    assertThat(columns(created.storageDescriptor().columns()))
        .containsExactly("order_id int", "customer string", "total double", "day date");
    assertThat(created.partitionKeys()).isEmpty();
    assertThat(created.storageDescriptor().serdeInfo().serializationLibrary())
        .isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
    assertThat(created.storageDescriptor().serdeInfo().parameters())
        .containsEntry("field.delim", ",");
    assertThat(created.parameters())
        .containsEntry("classification", "csv")
        .containsEntry("skip.header.line.count", "1")
        .containsEntry("delimiter", ",")
        .containsEntry("areColumnsQuoted", "false");

    crawl(quotedRoot, db, "quoted", UpdateBehavior.UPDATE_IN_DATABASE, DeleteBehavior.LOG);
    Table quoted = table(db, "quoted");
    assertThat(columns(quoted.storageDescriptor().columns()))
        .containsExactly("id int", "note string");
    assertThat(quoted.storageDescriptor().serdeInfo().serializationLibrary())
        .isEqualTo("org.apache.hadoop.hive.serde2.OpenCSVSerde");
    assertThat(quoted.parameters()).containsEntry("areColumnsQuoted", "true");
  }

  @Test
  void crawlsAvroContainerFiles() throws IOException {
    Path root = dir.resolve(name("visits"));
    org.apache.avro.Schema schema =
        org.apache.avro.SchemaBuilder.record("visit")
            .fields()
            .requiredInt("visit_id")
            .optionalString("page")
            .endRecord();
    for (String day : List.of("2024-05-01", "2024-05-02")) {
      Path file = root.resolve("day=" + day + "/part-0.avro");
      Files.createDirectories(file.getParent());
      try (org.apache.avro.file.DataFileWriter<org.apache.avro.generic.GenericRecord> writer =
          new org.apache.avro.file.DataFileWriter<>(
              new org.apache.avro.generic.GenericDatumWriter<>(schema))) {
        writer.create(schema, file.toFile());
        org.apache.avro.generic.GenericRecord record =
            new org.apache.avro.generic.GenericData.Record(schema);
        record.put("visit_id", 7);
        record.put("page", "/home");
        writer.append(record);
      }
    }
    String db = name("raw");

    CrawlResult result =
        crawl(root, db, "visits", UpdateBehavior.UPDATE_IN_DATABASE, DeleteBehavior.LOG);

    assertThat(result.classification()).isEqualTo("avro");
    assertThat(result.partitionsAdded()).containsExactly("2024-05-01", "2024-05-02");
    Table created = table(db, "visits");
    assertThat(columns(created.storageDescriptor().columns()))
        .containsExactly("visit_id int", "page string");
    assertThat(columns(created.partitionKeys())).containsExactly("day string");
    assertThat(created.storageDescriptor().serdeInfo().serializationLibrary())
        .isEqualTo("org.apache.hadoop.hive.serde2.avro.AvroSerDe");
    assertThat(created.storageDescriptor().serdeInfo().parameters())
        .containsKey("avro.schema.literal");
  }

  @Test
  void refusesAnEmptyLocationAndMixedPartitionKeys() throws IOException {
    Path empty = Files.createDirectories(dir.resolve(name("empty")));
    assertThatThrownBy(() -> crawl(empty, name("raw"), "t", UpdateBehavior.LOG, DeleteBehavior.LOG))
        .hasMessage("Cannot crawl: the location holds no files: " + empty + "/");

    Path mixed = dir.resolve(name("mixed"));
    write(mixed.resolve("year=2024/a.json"), "{\"a\": 1}\n");
    write(mixed.resolve("day=2024-01-01/a.json"), "{\"a\": 1}\n");
    assertThatThrownBy(() -> crawl(mixed, name("raw"), "t", UpdateBehavior.LOG, DeleteBehavior.LOG))
        .hasMessage(
            "Cannot crawl: partition folders at level 1 name different keys (day and year): "
                + mixed
                + "/year=2024/");
  }

  @Test
  void neverTakesOverAnIcebergTableOrAnotherLocation() throws IOException {
    String db = name("raw");
    Path root = dir.resolve(name("files"));
    write(root.resolve("a.json"), "{\"a\": 1}\n");
    glue.createDatabase(b -> b.databaseInput(d -> d.name(db)));
    glue.createTable(
        b ->
            b.databaseName(db)
                .tableInput(
                    t ->
                        t.name("ice")
                            .tableType("EXTERNAL_TABLE")
                            .parameters(Map.of("table_type", "ICEBERG"))
                            .storageDescriptor(s -> s.location(root + "/"))));
    assertThatThrownBy(() -> crawl(root, db, "ice", UpdateBehavior.LOG, DeleteBehavior.LOG))
        .hasMessage(
            "Cannot crawl: the table is an Iceberg table, kept up to date by its writers: "
                + db
                + ".ice");

    crawl(root, db, "plain", UpdateBehavior.UPDATE_IN_DATABASE, DeleteBehavior.LOG);
    Path other = dir.resolve(name("other"));
    write(other.resolve("a.json"), "{\"a\": 1}\n");
    assertThatThrownBy(() -> crawl(other, db, "plain", UpdateBehavior.LOG, DeleteBehavior.LOG))
        .hasMessage(
            "Cannot crawl: the table "
                + db
                + ".plain has another location ("
                + root
                + "/); crawl that one or name another table: "
                + other
                + "/");
  }

  /**
   * A struct field whose name is not a plain identifier gets the same Glue column whether the
   * crawler infers it from a file or the bridge syncs it from an Iceberg schema.
   */
  @Test
  void crawledAndIcebergSyncedColumnsQuoteAStructFieldNameAlike() throws IOException {
    Path root = dir.resolve(name("devices"));
    String db = name("raw");
    write(root.resolve("part-0.json"), "{\"id\": 1, \"device\": {\"os version\": \"17\"}}\n");
    crawl(root, db, "crawled", UpdateBehavior.UPDATE_IN_DATABASE, DeleteBehavior.LOG);

    Path warehouse = dir.resolve(name("warehouse"));
    Files.createDirectories(warehouse.resolve("metadata"));
    Schema schema =
        new Schema(
            Types.NestedField.optional(1, "id", Types.LongType.get()),
            Types.NestedField.optional(
                2,
                "device",
                Types.StructType.of(
                    Types.NestedField.optional(3, "os version", Types.StringType.get()))));
    Path metadata = warehouse.resolve("metadata/00000-first.metadata.json");
    Files.writeString(
        metadata,
        TableMetadataParser.toJson(
            TableMetadata.newTableMetadata(
                schema,
                PartitionSpec.unpartitioned(),
                SortOrder.unsorted(),
                warehouse.toUri().toString(),
                Map.of())));
    // The client sends no columns; the bridge's Iceberg column sync writes them.
    glue.createTable(
        b ->
            b.databaseName(db)
                .tableInput(
                    TableInput.builder()
                        .name("synced")
                        .tableType("EXTERNAL_TABLE")
                        .parameters(
                            Map.of(
                                "table_type", "ICEBERG", "metadata_location", "file:" + metadata))
                        .build()));

    List<String> crawled = columns(table(db, "crawled").storageDescriptor().columns());
    assertThat(crawled).containsExactly("id bigint", "device struct<`os version`:string>");
    assertThat(columns(table(db, "synced").storageDescriptor().columns())).isEqualTo(crawled);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
