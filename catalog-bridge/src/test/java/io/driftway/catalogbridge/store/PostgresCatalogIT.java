package io.driftway.catalogbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.TestBridges;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/** The bridge on PostgreSQL: migrations, every kind of write, cascades, restart keeps the data. */
@ExtendWith(PostgresExtension.class)
class PostgresCatalogIT {

  @Test
  void storesAndServesTheCatalogOnPostgres(@TempDir Path dir, PostgresServer postgres)
      throws Exception {
    String url = postgres.createDatabase("catalog");
    var config =
        TestBridges.config(dir)
            .set(BridgeOptions.STORE_URL, url)
            .set(BridgeOptions.STORE_USER, postgres.user())
            .set(BridgeOptions.STORE_PASSWORD, postgres.password())
            .set(BridgeOptions.CATALOG_MAX_ARCHIVED_VERSIONS, 2)
            .build();
    String db = TestBridges.name("pg");
    try (CatalogBridge bridge = CatalogBridge.start(config);
        GlueClient glue = TestBridges.admin(bridge)) {
      glue.createDatabase(r -> r.databaseInput(DatabaseInput.builder().name(db).build()));
      glue.createTable(r -> r.databaseName(db).tableInput(table("v0")));
      for (int v = 1; v <= 4; v++) {
        String description = "v" + v;
        glue.updateTable(r -> r.databaseName(db).tableInput(table(description)));
      }
      // Two archived versions are kept (catalog.max-archived-versions), plus the current one.
      assertThat(glue.getTableVersions(r -> r.databaseName(db).tableName("t")).tableVersions())
          .extracting(v -> v.versionId() + "=" + v.table().description())
          .containsExactly("4=v4", "3=v3", "2=v2");

      List<PartitionInput> partitions = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        partitions.add(PartitionInput.builder().values(Integer.toString(i)).build());
      }
      assertThat(
              glue.batchCreatePartition(
                      r -> r.databaseName(db).tableName("t").partitionInputList(partitions))
                  .errors())
          .isEmpty();
      assertThat(
              glue
                  .getPartitionsPaginator(
                      r -> r.databaseName(db).tableName("t").maxResults(7).expression("n >= 10"))
                  .stream()
                  .mapToInt(p -> p.partitions().size())
                  .sum())
          .isEqualTo(20);
      glue.updatePartition(
          r ->
              r.databaseName(db)
                  .tableName("t")
                  .partitionValueList("0")
                  .partitionInput(PartitionInput.builder().values("100").build()));
      assertThatThrownBy(
              () ->
                  glue.updatePartition(
                      r ->
                          r.databaseName(db)
                              .tableName("t")
                              .partitionValueList("1")
                              .partitionInput(PartitionInput.builder().values("2").build())))
          .isInstanceOf(AlreadyExistsException.class);
      assertThat(
              glue.getPartition(r -> r.databaseName(db).tableName("t").partitionValues("100"))
                  .partition()
                  .values())
          .containsExactly("100");
    }

    // A restart migrates nothing and finds everything.
    try (CatalogBridge bridge = CatalogBridge.start(config);
        GlueClient glue = TestBridges.admin(bridge)) {
      assertThat(glue.getTable(r -> r.databaseName(db).name("t")).table().versionId())
          .isEqualTo("4");
      glue.deleteDatabase(r -> r.name(db));
      assertThatThrownBy(() -> glue.getTable(r -> r.databaseName(db).name("t")))
          .isInstanceOf(EntityNotFoundException.class);
    }
    try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password());
        ResultSet history =
            c.createStatement()
                .executeQuery("SELECT version, name FROM catalog_schema_history ORDER BY version");
        ResultSet left =
            c.createStatement()
                .executeQuery(
                    "SELECT (SELECT COUNT(*) FROM catalog_tables) + (SELECT COUNT(*) FROM"
                        + " catalog_partitions) + (SELECT COUNT(*) FROM catalog_table_versions)")) {
      assertThat(history.next()).isTrue();
      assertThat(history.getInt(1)).isEqualTo(1);
      assertThat(history.next()).isTrue();
      assertThat(history.getInt(1)).isEqualTo(2);
      assertThat(history.getString(2)).isEqualTo("jobs");
      assertThat(history.next()).isTrue();
      assertThat(history.getInt(1)).isEqualTo(3);
      assertThat(history.getString(2)).isEqualTo("alerts");
      assertThat(history.next()).isFalse();
      assertThat(left.next()).isTrue();
      assertThat(left.getLong(1)).isZero();
    }
  }

  private static TableInput table(String description) {
    return TableInput.builder()
        .name("t")
        .description(description)
        .partitionKeys(Column.builder().name("n").type("int").build())
        .storageDescriptor(StorageDescriptor.builder().location("s3://lake/t/").build())
        .build();
  }
}
