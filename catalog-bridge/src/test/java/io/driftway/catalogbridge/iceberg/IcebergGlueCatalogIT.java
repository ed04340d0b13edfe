package io.driftway.catalogbridge.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.TestBridges;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Iceberg's own GlueCatalog (iceberg-aws) pointed at the bridge, with S3FileIO on S3Proxy: tables
 * are created, committed, evolved and loaded; concurrent committers lose nothing; Glue columns
 * follow the Iceberg schema.
 */
@ExtendWith(S3Extension.class)
class IcebergGlueCatalogIT {

  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "ts", Types.TimestampType.withZone()),
          Types.NestedField.optional(3, "amount", Types.DecimalType.of(10, 2)));

  private S3ProxyServer s3;
  private String bucket;
  private CatalogBridge bridge;
  private GlueClient glue;
  private final List<Catalog> catalogs = new ArrayList<>();

  @BeforeEach
  void start(@TempDir Path dir, S3ProxyServer s3) {
    this.s3 = s3;
    this.bucket = "lake-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .forcePathStyle(true)
            .region(Region.of(s3.region()))
            .httpClient(ApacheHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
            .build()) {
      client.createBucket(b -> b.bucket(bucket));
    }
    bridge =
        CatalogBridge.start(
            TestBridges.config(dir)
                .set(BridgeOptions.STORAGE_S3_ENDPOINT, s3.endpoint())
                .set(BridgeOptions.STORAGE_S3_ACCESS_KEY_ID, s3.accessKey())
                .set(BridgeOptions.STORAGE_S3_SECRET_ACCESS_KEY, s3.secretKey())
                .set(BridgeOptions.STORAGE_S3_PATH_STYLE_ACCESS, true)
                .build());
    glue = TestBridges.admin(bridge);
  }

  @AfterEach
  void stop() throws Exception {
    for (Catalog catalog : catalogs) {
      ((java.io.Closeable) catalog).close();
    }
    glue.close();
    bridge.close();
  }

  /** Iceberg's GlueCatalog, loaded by class name as engines do (it is also SupportsNamespaces). */
  private Catalog catalog() {
    Map<String, String> properties =
        bridge.glueCatalogProperties(
            "s3://" + bucket + "/warehouse", TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET);
    properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    properties.put("s3.endpoint", s3.endpoint().toString());
    properties.put("s3.path-style-access", "true");
    properties.put("s3.access-key-id", s3.accessKey());
    properties.put("s3.secret-access-key", s3.secretKey());
    properties.put("http-client.type", "apache");
    Catalog catalog =
        CatalogUtil.loadCatalog(
            "org.apache.iceberg.aws.glue.GlueCatalog", "bridge", properties, null);
    catalogs.add(catalog);
    return catalog;
  }

  private static SupportsNamespaces namespaces(Catalog catalog) {
    return (SupportsNamespaces) catalog;
  }

  private static DataFile dataFile(Table table, String day) {
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/ts_day=" + day + "/" + UUID.randomUUID() + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(1024)
        .withRecordCount(10)
        .withPartitionPath("ts_day=" + day)
        .build();
  }

  @Test
  void createsCommitsEvolvesAndLoadsAnIcebergTable() {
    Catalog catalog = catalog();
    String db = TestBridges.name("lake");
    namespaces(catalog).createNamespace(Namespace.of(db), Map.of("owner", "driftway"));
    TableIdentifier id = TableIdentifier.of(db, "events");
    Table table =
        catalog.createTable(id, SCHEMA, PartitionSpec.builderFor(SCHEMA).day("ts").build());

    table.newFastAppend().appendFile(dataFile(table, "2024-03-01")).commit();
    table
        .updateSchema()
        .addColumn(
            "payload",
            Types.StructType.of(
                Types.NestedField.optional(10, "source", Types.StringType.get()),
                Types.NestedField.optional(
                    11, "tags", Types.ListType.ofOptional(12, Types.StringType.get()))))
        .commit();
    table.newFastAppend().appendFile(dataFile(table, "2024-03-02")).commit();

    Table loaded = catalog().loadTable(id);
    assertThat(loaded.schema().findField("payload.tags")).isNotNull();
    assertThat(loaded.snapshots()).hasSize(2);
    assertThat(catalog.listTables(Namespace.of(db))).containsExactly(id);
    assertThat(namespaces(catalog).listNamespaces()).contains(Namespace.of(db));
    assertThat(namespaces(catalog).loadNamespaceMetadata(Namespace.of(db)))
        .containsEntry("owner", "driftway");

    var glueTable = glue.getTable(r -> r.databaseName(db).name("events")).table();
    assertThat(glueTable.parameters())
        .containsEntry("table_type", "ICEBERG")
        .containsEntry(
            "metadata_location",
            ((HasTableOperations) loaded).operations().current().metadataFileLocation());
    assertThat(glueTable.storageDescriptor().columns())
        .extracting(c -> c.name() + " " + c.type())
        .containsExactly(
            "id bigint",
            "ts timestamp",
            "amount decimal(10,2)",
            "payload struct<source:string,tags:array<string>>");
    assertThat(glueTable.storageDescriptor().location())
        .isEqualTo("s3://" + bucket + "/warehouse/" + db + ".db/events");
  }

  @Test
  void concurrentCommittersLoseNoCommit() throws Exception {
    String db = TestBridges.name("race");
    Catalog setup = catalog();
    namespaces(setup).createNamespace(Namespace.of(db));
    TableIdentifier id = TableIdentifier.of(db, "appends");
    setup.createTable(
        id,
        SCHEMA,
        PartitionSpec.builderFor(SCHEMA).day("ts").build(),
        Map.of(
            "commit.retry.num-retries",
            "50",
            "commit.retry.min-wait-ms",
            "5",
            "commit.retry.max-wait-ms",
            "200"));

    int writers = 4;
    int commitsEach = 5;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        Catalog own = catalog();
        int writer = w;
        Callable<Integer> commits =
            () -> {
              for (int i = 0; i < commitsEach; i++) {
                Table table = own.loadTable(id);
                table
                    .newFastAppend()
                    .appendFile(dataFile(table, "2024-03-0" + (writer + 1)))
                    .commit();
              }
              return commitsEach;
            };
        done.add(pool.submit(commits));
      }
      for (Future<Integer> future : done) {
        assertThat(future.get(2, TimeUnit.MINUTES)).isEqualTo(commitsEach);
      }
    } finally {
      pool.shutdownNow();
    }

    Table table = catalog().loadTable(id);
    List<Snapshot> snapshots = new ArrayList<>();
    table.snapshots().forEach(snapshots::add);
    assertThat(snapshots).hasSize(writers * commitsEach);
    assertThat(table.currentSnapshot().summary())
        .containsEntry("total-data-files", Integer.toString(writers * commitsEach))
        .containsEntry("total-records", Integer.toString(writers * commitsEach * 10));
  }

  @Test
  void glueColumnsFollowTheIcebergSchemaEvenWhenAWriterSendsStaleColumns() {
    Catalog catalog = catalog();
    String db = TestBridges.name("drift");
    namespaces(catalog).createNamespace(Namespace.of(db));
    TableIdentifier id = TableIdentifier.of(db, "orders");
    Table table = catalog.createTable(id, SCHEMA);
    TableMetadata base = ((HasTableOperations) table).operations().current();

    // Another engine commits a new schema but sends the Glue columns it had before.
    Schema evolved =
        new Schema(
            List.of(
                SCHEMA.columns().get(0),
                SCHEMA.columns().get(1),
                SCHEMA.columns().get(2),
                Types.NestedField.optional(
                    4,
                    "attributes",
                    Types.MapType.ofOptional(5, 6, Types.StringType.get(), Types.LongType.get()),
                    "free-form counters")));
    TableMetadata next = TableMetadata.buildFrom(base).setCurrentSchema(evolved, 6).build();
    String nextLocation =
        base.location() + "/metadata/00001-" + UUID.randomUUID() + ".metadata.json";
    TableMetadataParser.write(next, table.io().newOutputFile(nextLocation));
    var current = glue.getTable(r -> r.databaseName(db).name("orders")).table();
    Map<String, String> parameters = new java.util.HashMap<>(current.parameters());
    parameters.put("previous_metadata_location", base.metadataFileLocation());
    parameters.put("metadata_location", nextLocation);
    glue.updateTable(
        r ->
            r.databaseName(db)
                .versionId(current.versionId())
                .tableInput(
                    TableInput.builder()
                        .name("orders")
                        .tableType("EXTERNAL_TABLE")
                        .parameters(parameters)
                        .storageDescriptor(
                            StorageDescriptor.builder()
                                .location(base.location())
                                .columns(Column.builder().name("id").type("bigint").build())
                                .build())
                        .build()));

    var after = glue.getTable(r -> r.databaseName(db).name("orders")).table();
    assertThat(after.storageDescriptor().columns())
        .extracting(c -> c.name() + " " + c.type())
        .containsExactly(
            "id bigint", "ts timestamp", "amount decimal(10,2)", "attributes map<string,bigint>");
    assertThat(after.storageDescriptor().columns().get(3).comment())
        .isEqualTo("free-form counters");
    assertThat(after.storageDescriptor().columns().get(3).parameters())
        .containsEntry("iceberg.field.id", "4")
        .containsEntry("iceberg.field.optional", "true");
    assertThat(catalog().loadTable(id).schema().findField("attributes")).isNotNull();
  }

  @Test
  void renamesAndDropsTables() {
    Catalog catalog = catalog();
    String db = TestBridges.name("moves");
    namespaces(catalog).createNamespace(Namespace.of(db));
    TableIdentifier from = TableIdentifier.of(db, "staging");
    TableIdentifier to = TableIdentifier.of(db, "final");
    Table table = catalog.createTable(from, SCHEMA);
    table.newFastAppend().appendFile(dataFileUnpartitioned(table)).commit();

    catalog.renameTable(from, to);

    assertThat(catalog.tableExists(from)).isFalse();
    assertThat(catalog.loadTable(to).snapshots()).hasSize(1);
    assertThat(catalog.dropTable(to, false)).isTrue();
    assertThat(catalog.tableExists(to)).isFalse();
    assertThat(namespaces(catalog).dropNamespace(Namespace.of(db))).isTrue();
  }

  private static DataFile dataFileUnpartitioned(Table table) {
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/" + UUID.randomUUID() + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(1024)
        .withRecordCount(10)
        .build();
  }
}
