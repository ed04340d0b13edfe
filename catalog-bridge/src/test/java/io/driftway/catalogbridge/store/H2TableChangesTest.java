package io.driftway.catalogbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The marks GetTable keeps its last read of a table by on H2: equal while nobody writes, moved by a
 * write before its commit and again by the commit, and never given to a session in another process.
 */
class H2TableChangesTest {

  @Test
  void marksStayEqualWhileNothingIsWritten(@TempDir Path dir) throws Exception {
    try (CatalogStore store = CatalogStore.open(StoreSettings.of(url(dir)));
        Connection c = DriverManager.getConnection(url(dir))) {
      StoredTablesTest.create(store, "first");
      H2TableChanges changes = H2TableChanges.open(c);
      H2TableChanges.Mark mark = changes.mark();
      try (Statement statement = c.createStatement()) {
        statement.executeQuery("SELECT * FROM catalog_tables").close();
      }

      assertThat(changes.unchangedSince(mark)).isTrue();
    }
  }

  @Test
  void aWriteMovesTheMarkAndItsCommitMovesItAgain(@TempDir Path dir) throws Exception {
    try (CatalogStore store = CatalogStore.open(StoreSettings.of(url(dir)));
        Connection c = DriverManager.getConnection(url(dir));
        Connection writer = DriverManager.getConnection(url(dir))) {
      StoredTablesTest.create(store, "first");
      H2TableChanges changes = H2TableChanges.open(c);
      H2TableChanges.Mark before = changes.mark();
      writer.setAutoCommit(false);
      try (Statement statement = writer.createStatement()) {
        statement.executeUpdate("UPDATE catalog_tables SET update_time = 1");
      }
      assertThat(changes.unchangedSince(before)).isFalse();

      // What a read takes while the write is not committed yet: the commit moves it on.
      H2TableChanges.Mark during = changes.mark();
      writer.commit();

      assertThat(changes.unchangedSince(during)).isFalse();
    }
  }

  @Test
  void aTableReplacedMovesTheMark(@TempDir Path dir) throws Exception {
    try (CatalogStore store = CatalogStore.open(StoreSettings.of(url(dir)));
        Connection c = DriverManager.getConnection(url(dir))) {
      H2TableChanges changes = H2TableChanges.open(c);
      H2TableChanges.Mark mark = changes.mark();
      try (Statement statement = c.createStatement()) {
        statement.execute("CREATE TABLE kept AS SELECT * FROM catalog_tables");
        statement.execute("SET REFERENTIAL_INTEGRITY FALSE");
        statement.execute("DROP TABLE catalog_tables CASCADE");
        statement.execute("ALTER TABLE kept RENAME TO catalog_tables");
        statement.execute("SET REFERENTIAL_INTEGRITY TRUE");
      }

      assertThat(changes.unchangedSince(mark)).isFalse();
      assertThat(changes.unchangedSince(changes.mark())).isTrue();
    }
  }

  @Test
  void givesNothingToASessionOfAnotherProcess(@TempDir Path dir) throws Exception {
    Server server = Server.createTcpServer("-tcpPort", "0").start();
    try (CatalogStore store = CatalogStore.open(StoreSettings.of(url(dir)));
        Connection remote =
            DriverManager.getConnection(
                "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + dir.resolve("catalog"))) {
      assertThat(H2TableChanges.open(remote)).isNull();
    } finally {
      server.stop();
    }
  }

  private static String url(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("catalog");
  }
}
