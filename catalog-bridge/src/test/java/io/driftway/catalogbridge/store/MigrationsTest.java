package io.driftway.catalogbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

  @Test
  void splitsScriptsOnStatementEndsAndDropsComments() {
    assertThat(
            Migrations.statements(
                "-- a comment\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n  y INT\n);\n"))
        .containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (\n  y INT\n)");
  }

  @Test
  void appliesOnceAndRefusesAnEditedMigration(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("catalog");
    CatalogStore.open(StoreSettings.of(url)).close();
    // Reopening applies nothing and succeeds.
    CatalogStore.open(StoreSettings.of(url)).close();

    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE catalog_schema_history SET checksum = 'edited' WHERE version = 1");
    }
    assertThatThrownBy(() -> CatalogStore.open(StoreSettings.of(url)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "Cannot open catalog store: migration V1 changed since it was applied (checksum"
                + " edited then,");
  }

  @Test
  void refusesASchemaNewerThanThisBridge(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("catalog");
    CatalogStore.open(StoreSettings.of(url)).close();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO catalog_schema_history VALUES (99, 'future', 'x', 0)");
    }
    assertThatThrownBy(() -> CatalogStore.open(StoreSettings.of(url)))
        .hasMessageContaining("its schema version 99 is newer than this bridge knows (3)");
  }
}
