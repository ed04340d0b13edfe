package io.driftway.catalogbridge.store;

import static io.driftway.catalogbridge.store.JdbcSupport.isMissingParent;
import static io.driftway.catalogbridge.store.JdbcSupport.isUniqueViolation;

import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.GlueJson;
import io.driftway.catalogbridge.model.Table;
import io.driftway.catalogbridge.model.TableVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tables of a {@link CatalogStore} on JDBC with their version counter ({@code catalog_tables})
 * and archived versions ({@code catalog_table_versions}).
 */
final class JdbcTables {

  private final JdbcSupport jdbc;
  private final StoredTables stored;
  private final H2TableChanges changes;

  /**
   * @param changes the table's changes when it lives in an H2 database in this JVM, else null
   */
  JdbcTables(JdbcSupport jdbc, H2TableChanges changes) {
    this.jdbc = jdbc;
    this.stored = new StoredTables(jdbc);
    this.changes = changes;
  }

  Table createTable(Table table) {
    return jdbc.write(
        "create table",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO catalog_tables (database_name, name, version_id, document,"
                      + " update_time) VALUES (?, ?, 0, ?, ?)")) {
            insert.setString(1, table.databaseName());
            insert.setString(2, table.name());
            insert.setString(3, GlueJson.writeString(table.withVersion(null, null)));
            insert.setLong(4, table.updateTime().toEpochMilli());
            insert.executeUpdate();
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              throw GlueException.alreadyExists(
                  "Cannot create table: it already exists: " + qualified(table));
            }
            if (isMissingParent(e)) {
              throw GlueException.notFound(
                  "Cannot create table: database not found: " + table.databaseName());
            }
            throw e;
          }
          return table.withVersion("0", jdbc.catalogId());
        });
  }

  Optional<Table> getTable(String databaseName, String name) {
    if (changes != null) {
      Table unchanged = stored.unchanged(databaseName, name, changes);
      if (unchanged != null) {
        return Optional.of(unchanged);
      }
    }
    // Taken before the row is read: a change committed after it moves the mark on.
    H2TableChanges.Mark readAt = changes == null ? null : changes.mark();
    return jdbc.read(
        "get table",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT version_id, document FROM catalog_tables"
                      + " WHERE database_name = ? AND name = ?")) {
            select.setString(1, databaseName);
            select.setString(2, name);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      stored.table(databaseName, name, rs.getLong(1), rs.getString(2), readAt))
                  : Optional.empty();
            }
          }
        });
  }

  List<Table> listTables(String databaseName, String afterName, int limit) {
    return jdbc.read(
        "list tables",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT version_id, document FROM catalog_tables"
                      + " WHERE database_name = ? AND name > ? ORDER BY name LIMIT ?")) {
            select.setString(1, databaseName);
            select.setString(2, afterName == null ? "" : afterName);
            select.setInt(3, limit);
            List<Table> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(jdbc.table(rs.getLong(1), rs.getString(2)));
              }
            }
            return result;
          }
        });
  }

  Table updateTable(Table table, String expectedVersionId, boolean archive) {
    return jdbc.write(
        "update table",
        c -> {
          long current;
          String currentDocument;
          // The row lock serializes writers of one table: a loser waits, then sees the winner's
          // version and fails with ConcurrentModificationException instead of overwriting it.
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT version_id, document FROM catalog_tables"
                      + " WHERE database_name = ? AND name = ? FOR UPDATE")) {
            select.setString(1, table.databaseName());
            select.setString(2, table.name());
            try (ResultSet rs = select.executeQuery()) {
              if (!rs.next()) {
                throw GlueException.notFound(
                    "Cannot update table: table not found: " + qualified(table));
              }
              current = rs.getLong(1);
              currentDocument = rs.getString(2);
            }
          }
          if (expectedVersionId != null && !expectedVersionId.equals(Long.toString(current))) {
            throw GlueException.of(
                GlueErrorType.CONCURRENT_MODIFICATION,
                "Cannot update table: VersionId "
                    + expectedVersionId
                    + " is not the current version "
                    + current
                    + ": "
                    + qualified(table));
          }
          if (archive) {
            try (PreparedStatement insert =
                c.prepareStatement(
                    "INSERT INTO catalog_table_versions (database_name, table_name, version_id,"
                        + " document) VALUES (?, ?, ?, ?)")) {
              insert.setString(1, table.databaseName());
              insert.setString(2, table.name());
              insert.setLong(3, current);
              insert.setString(4, currentDocument);
              insert.executeUpdate();
            }
            try (PreparedStatement prune =
                c.prepareStatement(
                    "DELETE FROM catalog_table_versions WHERE database_name = ? AND table_name = ?"
                        + " AND version_id <= ?")) {
              prune.setString(1, table.databaseName());
              prune.setString(2, table.name());
              prune.setLong(3, current - jdbc.maxArchivedVersions());
              prune.executeUpdate();
            }
          }
          long next = current + 1;
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE catalog_tables SET version_id = ?, document = ?, update_time = ?"
                      + " WHERE database_name = ? AND name = ?")) {
            update.setLong(1, next);
            update.setString(2, GlueJson.writeString(table.withVersion(null, null)));
            update.setLong(3, table.updateTime().toEpochMilli());
            update.setString(4, table.databaseName());
            update.setString(5, table.name());
            update.executeUpdate();
          }
          return table.withVersion(Long.toString(next), jdbc.catalogId());
        });
  }

  void deleteTable(String databaseName, String name) {
    jdbc.write(
        "delete table",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement(
                  "DELETE FROM catalog_tables WHERE database_name = ? AND name = ?")) {
            delete.setString(1, databaseName);
            delete.setString(2, name);
            if (delete.executeUpdate() == 0) {
              throw GlueException.notFound(
                  "Cannot delete table: table not found: " + databaseName + "." + name);
            }
          }
          stored.forget(databaseName, name);
          return null;
        });
  }

  List<TableVersion> listTableVersions(
      String databaseName, String tableName, Long beforeVersion, int limit) {
    return jdbc.read(
        "list table versions",
        c -> {
          List<TableVersion> result = new ArrayList<>();
          Table current =
              currentTable(c, databaseName, tableName)
                  .orElseThrow(
                      () ->
                          GlueException.notFound(
                              "Cannot get table versions: table not found: "
                                  + databaseName
                                  + "."
                                  + tableName));
          long currentVersion = Long.parseLong(current.versionId());
          if (beforeVersion == null || currentVersion < beforeVersion) {
            result.add(new TableVersion(current, current.versionId()));
          }
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT version_id, document FROM catalog_table_versions"
                      + " WHERE database_name = ? AND table_name = ? AND version_id < ?"
                      + " ORDER BY version_id DESC LIMIT ?")) {
            select.setString(1, databaseName);
            select.setString(2, tableName);
            select.setLong(3, beforeVersion == null ? Long.MAX_VALUE : beforeVersion);
            select.setInt(4, limit);
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next() && result.size() < limit) {
                Table table = jdbc.table(rs.getLong(1), rs.getString(2));
                result.add(new TableVersion(table, table.versionId()));
              }
            }
          }
          return result;
        });
  }

  Optional<TableVersion> getTableVersion(String databaseName, String tableName, long versionId) {
    return jdbc.read(
        "get table version",
        c -> {
          Table current =
              currentTable(c, databaseName, tableName)
                  .orElseThrow(
                      () ->
                          GlueException.notFound(
                              "Cannot get table version: table not found: "
                                  + databaseName
                                  + "."
                                  + tableName));
          if (current.versionId().equals(Long.toString(versionId))) {
            return Optional.of(new TableVersion(current, current.versionId()));
          }
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT document FROM catalog_table_versions"
                      + " WHERE database_name = ? AND table_name = ? AND version_id = ?")) {
            select.setString(1, databaseName);
            select.setString(2, tableName);
            select.setLong(3, versionId);
            try (ResultSet rs = select.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              Table table = jdbc.table(versionId, rs.getString(1));
              return Optional.of(new TableVersion(table, table.versionId()));
            }
          }
        });
  }

  void deleteTableVersion(String databaseName, String tableName, long versionId) {
    jdbc.write(
        "delete table version",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement(
                  "DELETE FROM catalog_table_versions"
                      + " WHERE database_name = ? AND table_name = ? AND version_id = ?")) {
            delete.setString(1, databaseName);
            delete.setString(2, tableName);
            delete.setLong(3, versionId);
            if (delete.executeUpdate() > 0) {
              return null;
            }
          }
          Optional<Table> current = currentTable(c, databaseName, tableName);
          String qualified = databaseName + "." + tableName;
          if (current.isEmpty()) {
            throw GlueException.notFound(
                "Cannot delete table version: table not found: " + qualified);
          }
          if (current.get().versionId().equals(Long.toString(versionId))) {
            throw GlueException.invalidInput(
                "Cannot delete table version: "
                    + versionId
                    + " is the current version (update the table first): "
                    + qualified);
          }
          throw GlueException.notFound(
              "Cannot delete table version: no version " + versionId + ": " + qualified);
        });
  }

  private Optional<Table> currentTable(Connection c, String databaseName, String tableName)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT version_id, document FROM catalog_tables WHERE database_name = ? AND name = ?")) {
      select.setString(1, databaseName);
      select.setString(2, tableName);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next()
            ? Optional.of(jdbc.table(rs.getLong(1), rs.getString(2)))
            : Optional.empty();
      }
    }
  }

  private static String qualified(Table table) {
    return table.databaseName() + "." + table.name();
  }
}
