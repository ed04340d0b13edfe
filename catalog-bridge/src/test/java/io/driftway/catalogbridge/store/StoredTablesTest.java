package io.driftway.catalogbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.catalogbridge.model.Database;
import io.driftway.catalogbridge.model.DatabaseInput;
import io.driftway.catalogbridge.model.GlueJson;
import io.driftway.catalogbridge.model.Table;
import io.driftway.catalogbridge.model.TableInput;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store reuses the table it parsed only while the row is unchanged: whoever changes it (another
 * store on the same database, as another bridge would, or SQL behind the store's back, also in a
 * transaction that a read raced) is seen by the next read once committed. On H2 in this JVM the
 * store does not read an unchanged row at all, so these also pin what tells it that a row changed.
 */
class StoredTablesTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

  @Test
  void handsOutTheSameTableWhileItsRowIsUnchanged(@TempDir Path dir) {
    try (CatalogStore store = CatalogStore.open(StoreSettings.of(url(dir)))) {
      create(store, "first");
      Table read = store.getTable("sales", "orders").orElseThrow();
      assertThat(store.getTable("sales", "orders")).containsSame(read);
      assertThat(read.description()).isEqualTo("first");
      assertThat(read.versionId()).isEqualTo("0");
    }
  }

  @Test
  void seesAnUpdateAnotherStoreMadeOnTheSameDatabase(@TempDir Path dir) {
    try (CatalogStore one = CatalogStore.open(StoreSettings.of(url(dir)));
        CatalogStore other = CatalogStore.open(StoreSettings.of(url(dir)))) {
      create(one, "first");
      assertThat(one.getTable("sales", "orders").orElseThrow().description()).isEqualTo("first");

      other.updateTable(table("second"), "0", true);

      Table read = one.getTable("sales", "orders").orElseThrow();
      assertThat(read.description()).isEqualTo("second");
      assertThat(read.versionId()).isEqualTo("1");
    }
  }

  @Test
  void seesADocumentChangedWithoutANewVersion(@TempDir Path dir) throws Exception {
    try (CatalogStore store = CatalogStore.open(StoreSettings.of(url(dir)))) {
      create(store, "first");
      assertThat(store.getTable("sales", "orders").orElseThrow().description()).isEqualTo("first");

      try (Connection c = DriverManager.getConnection(url(dir));
          PreparedStatement update =
              c.prepareStatement(
                  "UPDATE catalog_tables SET document = ? WHERE database_name = ? AND name = ?")) {
        update.setString(1, GlueJson.writeString(table("changed").withVersion(null, null)));
        update.setString(2, "sales");
        update.setString(3, "orders");
        assertThat(update.executeUpdate()).isEqualTo(1);
      }

      Table read = store.getTable("sales", "orders").orElseThrow();
      assertThat(read.description()).isEqualTo("changed");
      assertThat(read.versionId()).isEqualTo("0");
    }
  }

  @Test
  void seesATableDeletedAndCreatedAgainAtVersionZero(@TempDir Path dir) {
    try (CatalogStore store = CatalogStore.open(StoreSettings.of(url(dir)))) {
      create(store, "first");
      assertThat(store.getTable("sales", "orders").orElseThrow().description()).isEqualTo("first");

      store.deleteTable("sales", "orders");
      assertThat(store.getTable("sales", "orders")).isEmpty();
      store.createTable(table("again"));

      Table read = store.getTable("sales", "orders").orElseThrow();
      assertThat(read.description()).isEqualTo("again");
      assertThat(read.versionId()).isEqualTo("0");
    }
  }

  @Test
  void seesAChangeCommittedAfterAReadThatRacedIt(@TempDir Path dir) throws Exception {
    try (CatalogStore store = CatalogStore.open(StoreSettings.of(url(dir)))) {
      create(store, "first");
      try (Connection c = DriverManager.getConnection(url(dir))) {
        c.setAutoCommit(false);
        updateByHand(c, "changed");

        // Read while the change is not committed: the store keeps what it read then.
        assertThat(store.getTable("sales", "orders").orElseThrow().description())
            .isEqualTo("first");
        c.commit();
      }

      assertThat(store.getTable("sales", "orders").orElseThrow().description())
          .isEqualTo("changed");
    }
  }

  @Test
  void keepsTheTableWhenAChangeIsRolledBack(@TempDir Path dir) throws Exception {
    try (CatalogStore store = CatalogStore.open(StoreSettings.of(url(dir)))) {
      create(store, "first");
      Table read = store.getTable("sales", "orders").orElseThrow();
      try (Connection c = DriverManager.getConnection(url(dir))) {
        c.setAutoCommit(false);
        updateByHand(c, "changed");
        c.rollback();
      }

      assertThat(store.getTable("sales", "orders")).containsSame(read);
    }
  }

  @Test
  void seesATableDeletedWithItsDatabase(@TempDir Path dir) {
    try (CatalogStore store = CatalogStore.open(StoreSettings.of(url(dir)))) {
      create(store, "first");
      assertThat(store.getTable("sales", "orders")).isPresent();

      store.deleteDatabase("sales");

      assertThat(store.getTable("sales", "orders")).isEmpty();
    }
  }

  @Test
  void seesATableOfATableStoreCreatedAgainByHand(@TempDir Path dir) throws Exception {
    try (CatalogStore store = CatalogStore.open(StoreSettings.of(url(dir)))) {
      create(store, "first");
      assertThat(store.getTable("sales", "orders").orElseThrow().description()).isEqualTo("first");
      try (Connection c = DriverManager.getConnection(url(dir));
          Statement statement = c.createStatement()) {
        // The table of tables itself replaced, as a restore by hand would.
        statement.execute("CREATE TABLE kept AS SELECT * FROM catalog_tables");
        statement.execute("SET REFERENTIAL_INTEGRITY FALSE");
        statement.execute("DROP TABLE catalog_tables CASCADE");
        statement.execute("ALTER TABLE kept RENAME TO catalog_tables");
        statement.execute("SET REFERENTIAL_INTEGRITY TRUE");
        updateByHand(c, "restored");
      }

      assertThat(store.getTable("sales", "orders").orElseThrow().description())
          .isEqualTo("restored");
    }
  }

  private static void updateByHand(Connection c, String description) throws Exception {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE catalog_tables SET document = ? WHERE database_name = ? AND name = ?")) {
      update.setString(1, GlueJson.writeString(table(description).withVersion(null, null)));
      update.setString(2, "sales");
      update.setString(3, "orders");
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private static String url(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("catalog");
  }

  static void create(CatalogStore store, String description) {
    store.createDatabase(
        Database.from(
            GlueJson.read("{\"Name\":\"sales\"}", DatabaseInput.class),
            "sales",
            NOW,
            "000000000000"));
    store.createTable(table(description));
  }

  private static Table table(String description) {
    TableInput input =
        GlueJson.read(
            "{\"Name\":\"orders\",\"Description\":\""
                + description
                + "\",\"TableType\":\"EXTERNAL_TABLE\",\"Parameters\":{\"table_type\":\"ICEBERG\"},"
                + "\"StorageDescriptor\":{\"Location\":\"s3://lake/sales/orders\",\"Columns\":["
                + "{\"Name\":\"id\",\"Type\":\"bigint\"}]}}",
            TableInput.class);
    return Table.from(input, "orders", "sales", NOW, NOW, "tester", "000000000000", null);
  }
}
