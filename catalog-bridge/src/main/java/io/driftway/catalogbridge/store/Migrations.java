package io.driftway.catalogbridge.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations, applied in order at startup. A migration that was applied is never
 * edited: its checksum is recorded and checked on every start.
 */
final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** A migration: {@code db/migration/<dialect>/V<version>__<name>.sql}. */
  record Migration(int version, String name) {
    String resource(Dialect dialect) {
      return "db/migration/" + dialect.folder + "/V" + version + "__" + name + ".sql";
    }
  }

  /** Every migration, oldest first. Add new ones at the end; never change an old one. */
  static final List<Migration> ALL =
      List.of(new Migration(1, "catalog"), new Migration(2, "jobs"), new Migration(3, "alerts"));

  private static final String HISTORY =
      "CREATE TABLE IF NOT EXISTS catalog_schema_history ("
          + " version INT NOT NULL PRIMARY KEY,"
          + " name VARCHAR(200) NOT NULL,"
          + " checksum VARCHAR(64) NOT NULL,"
          + " applied_at BIGINT NOT NULL)";

  private Migrations() {}

  /** Brings the schema to the newest version; returns the versions applied now. */
  static List<Integer> migrate(DataSource dataSource, Dialect dialect) throws SQLException {
    List<Integer> applied = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(HISTORY);
      }
      int newest = ALL.get(ALL.size() - 1).version();
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery("SELECT MAX(version) FROM catalog_schema_history")) {
        if (rs.next() && rs.getInt(1) > newest) {
          throw new IllegalStateException(
              "Cannot open catalog store: its schema version "
                  + rs.getInt(1)
                  + " is newer than this bridge knows ("
                  + newest
                  + "); upgrade the bridge: "
                  + connection.getMetaData().getURL());
        }
      }
      for (Migration migration : ALL) {
        String script = read(migration.resource(dialect));
        String checksum = checksum(script);
        String recorded = recordedChecksum(connection, migration.version());
        if (recorded != null) {
          if (!recorded.equals(checksum)) {
            throw new IllegalStateException(
                "Cannot open catalog store: migration V"
                    + migration.version()
                    + " changed since it was applied (checksum "
                    + recorded
                    + " then, "
                    + checksum
                    + " now): "
                    + migration.resource(dialect));
          }
          continue;
        }
        apply(connection, migration, script, checksum);
        applied.add(migration.version());
        LOG.info(
            "Applied catalog schema migration V{} ({})", migration.version(), migration.name());
      }
    }
    return applied;
  }

  private static void apply(
      Connection connection, Migration migration, String script, String checksum)
      throws SQLException {
    connection.setAutoCommit(false);
    try {
      // The history row goes first: a second bridge migrating the same PostgreSQL database at the
      // same moment blocks on it and then fails on the key instead of running the DDL twice.
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO catalog_schema_history (version, name, checksum, applied_at)"
                  + " VALUES (?, ?, ?, ?)")) {
        insert.setInt(1, migration.version());
        insert.setString(2, migration.name());
        insert.setString(3, checksum);
        insert.setLong(4, System.currentTimeMillis());
        insert.executeUpdate();
      }
      try (Statement statement = connection.createStatement()) {
        for (String sql : statements(script)) {
          statement.execute(sql);
        }
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static String recordedChecksum(Connection connection, int version) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT checksum FROM catalog_schema_history WHERE version = ?")) {
      select.setInt(1, version);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** Splits a script on semicolons at line ends; comments are dropped. */
  static List<String> statements(String script) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        result.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      result.add(current.toString().strip());
    }
    return result;
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "Cannot migrate catalog store: missing script: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot migrate catalog store: unreadable script: " + resource, e);
    }
  }

  private static String checksum(String script) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot compute SHA-256: JDK lacks it", e);
    }
  }
}
