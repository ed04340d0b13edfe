package io.driftway.catalogbridge.store;

import static io.driftway.catalogbridge.store.JdbcSupport.isUniqueViolation;

import io.driftway.catalogbridge.model.Database;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.GlueJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The databases of a {@link CatalogStore} on JDBC (table {@code catalog_databases}), by name. */
final class JdbcDatabases {

  private final JdbcSupport jdbc;

  JdbcDatabases(JdbcSupport jdbc) {
    this.jdbc = jdbc;
  }

  void createDatabase(Database database) {
    jdbc.write(
        "create database",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO catalog_databases (name, document, create_time) VALUES (?, ?, ?)")) {
            insert.setString(1, database.name());
            insert.setString(2, GlueJson.writeString(database.withCatalogId(null)));
            insert.setLong(3, database.createTime().toEpochMilli());
            insert.executeUpdate();
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              throw GlueException.alreadyExists(
                  "Cannot create database: it already exists: " + database.name());
            }
            throw e;
          }
          return null;
        });
  }

  Optional<Database> getDatabase(String name) {
    return jdbc.read(
        "get database",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT document FROM catalog_databases WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? Optional.of(jdbc.database(rs.getString(1))) : Optional.empty();
            }
          }
        });
  }

  List<Database> listDatabases(String afterName, int limit) {
    return jdbc.read(
        "list databases",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT document FROM catalog_databases WHERE name > ? ORDER BY name LIMIT ?")) {
            select.setString(1, afterName == null ? "" : afterName);
            select.setInt(2, limit);
            List<Database> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(jdbc.database(rs.getString(1)));
              }
            }
            return result;
          }
        });
  }

  void updateDatabase(Database database) {
    jdbc.write(
        "update database",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement("UPDATE catalog_databases SET document = ? WHERE name = ?")) {
            update.setString(1, GlueJson.writeString(database.withCatalogId(null)));
            update.setString(2, database.name());
            if (update.executeUpdate() == 0) {
              throw GlueException.notFound(
                  "Cannot update database: database not found: " + database.name());
            }
          }
          return null;
        });
  }

  void deleteDatabase(String name) {
    jdbc.write(
        "delete database",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM catalog_databases WHERE name = ?")) {
            delete.setString(1, name);
            if (delete.executeUpdate() == 0) {
              throw GlueException.notFound("Cannot delete database: database not found: " + name);
            }
          }
          return null;
        });
  }
}
