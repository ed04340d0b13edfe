package io.driftway.catalogbridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.driftway.catalogbridge.model.Database;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.GlueJson;
import io.driftway.catalogbridge.model.Partition;
import io.driftway.catalogbridge.model.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every aggregate of the JDBC store shares: connections from the pool, one transaction per
 * write, SQL states turned into the Glue errors a client sees, and stored documents turned back
 * into model values with this catalog's id.
 *
 * <p>Thread-safe; one instance serves every aggregate of a store.
 */
final class JdbcSupport {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcSupport.class);

  private final HikariDataSource dataSource;
  private final StoreSettings settings;

  JdbcSupport(HikariDataSource dataSource, StoreSettings settings) {
    this.dataSource = dataSource;
    this.settings = settings;
  }

  /** What one statement group does on a connection; the caller owns the transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} on a pooled connection in auto-commit mode. */
  <T> T read(String action, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw translate(action, e);
    }
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  <T> T write(String action, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw translate(action, e);
    }
  }

  boolean isHealthy() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      LOG.warn("Catalog store health check failed: {}", e.getMessage());
      return false;
    }
  }

  void close() {
    dataSource.close();
  }

  String catalogId() {
    return settings.catalogId();
  }

  int maxArchivedVersions() {
    return settings.maxArchivedVersions();
  }

  // Stored documents carry no catalog id: the store's own is put back on read.

  Database database(String document) {
    return GlueJson.read(document, Database.class).withCatalogId(settings.catalogId());
  }

  Table table(long versionId, String document) {
    return GlueJson.read(document, Table.class)
        .withVersion(Long.toString(versionId), settings.catalogId());
  }

  Partition partition(String document) {
    return GlueJson.read(document, Partition.class).withCatalogId(settings.catalogId());
  }

  /** {@code ?, ?, ?} for an IN list of {@code count} values. */
  static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** H2 reports a missing parent row as 23506, PostgreSQL as 23503. */
  static boolean isMissingParent(SQLException e) {
    return "23506".equals(e.getSQLState()) || "23503".equals(e.getSQLState());
  }

  /** Lock waits that ran out (H2 HYT00, PostgreSQL 55P03) and deadlocks (40P01, 40001). */
  private static boolean isContention(SQLException e) {
    String state = e.getSQLState();
    return "HYT00".equals(state)
        || "55P03".equals(state)
        || "40P01".equals(state)
        || "40001".equals(state);
  }

  private static GlueException translate(String action, SQLException e) {
    if (isContention(e)) {
      return GlueException.of(
          GlueErrorType.CONCURRENT_MODIFICATION,
          "Cannot " + action + ": another writer holds it, retry: " + e.getSQLState(),
          e);
    }
    LOG.error("Catalog store failed to {}", action, e);
    return GlueException.of(
        GlueErrorType.INTERNAL_SERVICE,
        "Cannot " + action + ": the catalog store failed: " + e.getSQLState(),
        e);
  }
}
