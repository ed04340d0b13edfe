package io.driftway.catalogbridge.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.TestBridges;
import io.driftway.catalogbridge.api.CommitFaults;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
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
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.InternalServiceException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The test-only commit fault hook: UpdateTable failing before the store, and applied but left
 * unanswered, seen by the AWS SDK and by Iceberg's own GlueCatalog committing through the bridge.
 */
@ExtendWith(S3Extension.class)
class CommitFaultsIT {

  private static final Schema SCHEMA =
      new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));

  private final CommitFaults faults = CommitFaults.create();
  private S3ProxyServer s3;
  private String bucket;
  private CatalogBridge bridge;
  private final List<Catalog> catalogs = new ArrayList<>();

  @BeforeEach
  void start(@TempDir Path dir, S3ProxyServer s3) {
    this.s3 = s3;
    this.bucket = "faults-" + UUID.randomUUID().toString().substring(0, 8);
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
        CatalogBridge.builder(
                TestBridges.config(dir)
                    .set(BridgeOptions.STORAGE_S3_ENDPOINT, s3.endpoint())
                    .set(BridgeOptions.STORAGE_S3_ACCESS_KEY_ID, s3.accessKey())
                    .set(BridgeOptions.STORAGE_S3_SECRET_ACCESS_KEY, s3.secretKey())
                    .set(BridgeOptions.STORAGE_S3_PATH_STYLE_ACCESS, true)
                    .build())
            .commitFaults(faults)
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    for (Catalog catalog : catalogs) {
      ((Closeable) catalog).close();
    }
    bridge.close();
  }

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

  private TableIdentifier newTable(Catalog catalog) {
    String database = TestBridges.name("db");
    ((SupportsNamespaces) catalog).createNamespace(Namespace.of(database));
    TableIdentifier id = TableIdentifier.of(database, "events");
    catalog.createTable(id, SCHEMA, PartitionSpec.unpartitioned());
    return id;
  }

  private static DataFile dataFile(Table table) {
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/" + UUID.randomUUID() + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(1024)
        .withRecordCount(10)
        .build();
  }

  private static GlueClient glueWithoutRetries(CatalogBridge bridge) {
    return GlueClient.builder()
        .endpointOverride(bridge.endpoint())
        .region(Region.of(TestBridges.REGION))
        .httpClient(ApacheHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET)))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .retryStrategy(b -> b.maxAttempts(1))
                .build())
        .build();
  }

  @Test
  void failedUpdateTableIsNotAppliedAndAnUnansweredOneIs() {
    Catalog catalog = catalog();
    String database = newTable(catalog).namespace().level(0);
    try (GlueClient glue = glueWithoutRetries(bridge)) {
      software.amazon.awssdk.services.glue.model.Table before =
          glue.getTable(b -> b.databaseName(database).name("events")).table();
      software.amazon.awssdk.services.glue.model.TableInput input =
          software.amazon.awssdk.services.glue.model.TableInput.builder()
              .name("events")
              .tableType(before.tableType())
              .parameters(Map.of("marker", "one"))
              .storageDescriptor(before.storageDescriptor())
              .build();

      faults.failNext(1);
      assertThatThrownBy(
              () ->
                  glue.updateTable(
                      b ->
                          b.databaseName(database).tableInput(input).versionId(before.versionId())))
          .isInstanceOf(InternalServiceException.class)
          .hasMessageStartingWith(
              "Cannot update table: injected commit fault (test configuration): UpdateTable");
      assertThat(glue.getTable(b -> b.databaseName(database).name("events")).table().versionId())
          .isEqualTo(before.versionId());

      faults.dropAnswerNext(1);
      assertThatThrownBy(
              () ->
                  glue.updateTable(
                      b ->
                          b.databaseName(database).tableInput(input).versionId(before.versionId())))
          .isInstanceOf(SdkClientException.class);
      software.amazon.awssdk.services.glue.model.Table after =
          glue.getTable(b -> b.databaseName(database).name("events")).table();
      assertThat(after.versionId()).isNotEqualTo(before.versionId());
      assertThat(after.parameters()).containsEntry("marker", "one");
    }
    assertThat(faults.failed()).isEqualTo(1);
    assertThat(faults.dropped()).isEqualTo(1);
  }

  @Test
  void icebergCommitFailingBeforeTheCatalogLeavesNoSnapshot() {
    Catalog catalog = catalog();
    TableIdentifier id = newTable(catalog);
    Table table = catalog.loadTable(id);
    faults.failNext(Integer.MAX_VALUE);
    assertThatThrownBy(() -> table.newAppend().appendFile(dataFile(table)).commit())
        .isInstanceOf(RuntimeException.class);
    faults.clear();
    Table reloaded = catalog.loadTable(id);
    assertThat(reloaded.snapshots()).isEmpty();

    reloaded.newAppend().appendFile(dataFile(reloaded)).commit();
    assertThat(catalog.loadTable(id).snapshots()).hasSize(1);
  }

  @Test
  void icebergCommitWithUnknownOutcomeIsInTheTableOnce() {
    Catalog catalog = catalog();
    TableIdentifier id = newTable(catalog);
    Table table = catalog.loadTable(id);
    DataFile file = dataFile(table);
    faults.dropAnswerNext(1);
    try {
      table.newAppend().appendFile(file).commit();
    } catch (RuntimeException e) {
      // Iceberg may report the unknown outcome; the table decides what happened.
    }
    Table reloaded = catalog.loadTable(id);
    List<Snapshot> snapshots = new ArrayList<>();
    reloaded.snapshots().forEach(snapshots::add);
    assertThat(faults.dropped()).isEqualTo(1);
    assertThat(snapshots).hasSize(1);
    assertThat(snapshots.get(0).addedDataFiles(reloaded.io()))
        .extracting(DataFile::location)
        .containsExactly(file.location());
  }
}
