package io.driftway.catalogbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.driftway.catalogbridge.model.Crawler;
import io.driftway.catalogbridge.model.CrawlerMetrics;
import io.driftway.catalogbridge.model.Database;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.GlueJson;
import io.driftway.catalogbridge.model.Job;
import io.driftway.catalogbridge.model.JobRun;
import io.driftway.catalogbridge.model.JobRunState;
import io.driftway.catalogbridge.model.Partition;
import io.driftway.catalogbridge.model.Table;
import io.driftway.catalogbridge.model.TableVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link CatalogStore} on JDBC: H2 (embedded file) or PostgreSQL, through a connection pool. */
final class JdbcCatalogStore implements CatalogStore {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcCatalogStore.class);

  private final HikariDataSource dataSource;
  private final StoreSettings settings;

  private JdbcCatalogStore(HikariDataSource dataSource, StoreSettings settings) {
    this.dataSource = dataSource;
    this.settings = settings;
  }

  static JdbcCatalogStore open(StoreSettings settings) {
    Dialect dialect = Dialect.of(settings.url());
    HikariConfig config = new HikariConfig();
    config.setPoolName("driftway-catalog");
    config.setJdbcUrl(settings.url());
    if (settings.user() != null) {
      config.setUsername(settings.user());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(settings.poolSize());
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    if (dialect == Dialect.H2) {
      // UpdateTable callers queue on the row lock; H2's 1 s default would fail them under load.
      config.setConnectionInitSql("SET LOCK_TIMEOUT 10000");
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot open catalog store: " + rootMessage(e) + ": " + settings.url(), e);
    }
    try {
      Migrations.migrate(dataSource, dialect);
    } catch (IllegalStateException e) {
      dataSource.close();
      throw e;
    } catch (SQLException | RuntimeException e) {
      dataSource.close();
      throw new IllegalStateException(
          "Cannot open catalog store: migration failed: " + rootMessage(e) + ": " + settings.url(),
          e);
    }
    LOG.info("Catalog store open: {} ({})", settings.url(), dialect);
    return new JdbcCatalogStore(dataSource, settings);
  }

  // ---------------------------------------------------------------- databases

  @Override
  public void createDatabase(Database database) {
    write(
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

  @Override
  public Optional<Database> getDatabase(String name) {
    return read(
        "get database",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT document FROM catalog_databases WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? Optional.of(database(rs.getString(1))) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<Database> listDatabases(String afterName, int limit) {
    return read(
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
                result.add(database(rs.getString(1)));
              }
            }
            return result;
          }
        });
  }

  @Override
  public void updateDatabase(Database database) {
    write(
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

  @Override
  public void deleteDatabase(String name) {
    write(
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

  // ---------------------------------------------------------------- tables

  @Override
  public Table createTable(Table table) {
    return write(
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
          return table.withVersion("0", settings.catalogId());
        });
  }

  @Override
  public Optional<Table> getTable(String databaseName, String name) {
    return read(
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
                  ? Optional.of(table(rs.getLong(1), rs.getString(2)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<Table> listTables(String databaseName, String afterName, int limit) {
    return read(
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
                result.add(table(rs.getLong(1), rs.getString(2)));
              }
            }
            return result;
          }
        });
  }

  @Override
  public Table updateTable(Table table, String expectedVersionId, boolean archive) {
    return write(
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
              prune.setLong(3, current - settings.maxArchivedVersions());
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
          return table.withVersion(Long.toString(next), settings.catalogId());
        });
  }

  @Override
  public void deleteTable(String databaseName, String name) {
    write(
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
          return null;
        });
  }

  @Override
  public List<TableVersion> listTableVersions(
      String databaseName, String tableName, Long beforeVersion, int limit) {
    return read(
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
                Table table = table(rs.getLong(1), rs.getString(2));
                result.add(new TableVersion(table, table.versionId()));
              }
            }
          }
          return result;
        });
  }

  @Override
  public Optional<TableVersion> getTableVersion(
      String databaseName, String tableName, long versionId) {
    return read(
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
              Table table = table(versionId, rs.getString(1));
              return Optional.of(new TableVersion(table, table.versionId()));
            }
          }
        });
  }

  @Override
  public void deleteTableVersion(String databaseName, String tableName, long versionId) {
    write(
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

  // ---------------------------------------------------------------- partitions

  @Override
  public void createPartition(Partition partition) {
    write(
        "create partition",
        c -> {
          insertPartition(c, partition);
          return null;
        });
  }

  @Override
  public List<ItemError> createPartitions(
      String databaseName, String tableName, List<Partition> partitions) {
    try {
      return write(
          "create partitions",
          c -> {
            List<ItemError> errors = new ArrayList<>();
            Set<String> existing = existingHashes(c, databaseName, tableName, partitions);
            Set<String> seen = new HashSet<>();
            try (PreparedStatement insert = c.prepareStatement(INSERT_PARTITION)) {
              for (Partition partition : partitions) {
                String hash = valuesHash(partition.values());
                if (existing.contains(hash) || !seen.add(hash)) {
                  errors.add(
                      new ItemError(
                          partition.values(),
                          GlueException.alreadyExists(
                              "Cannot create partition: it already exists: "
                                  + describe(databaseName, tableName, partition.values()))));
                  continue;
                }
                bindPartition(insert, partition, hash);
                insert.addBatch();
              }
              insert.executeBatch();
            }
            return errors;
          });
    } catch (GlueException e) {
      if (e.type() != GlueErrorType.ALREADY_EXISTS) {
        throw e;
      }
      // Another writer added one of these between our check and insert: go one by one.
      List<ItemError> errors = new ArrayList<>();
      for (Partition partition : partitions) {
        try {
          createPartition(partition);
        } catch (GlueException item) {
          errors.add(new ItemError(partition.values(), item));
        }
      }
      return errors;
    }
  }

  @Override
  public Optional<Partition> getPartition(
      String databaseName, String tableName, List<String> values) {
    return read(
        "get partition",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT document FROM catalog_partitions"
                      + " WHERE database_name = ? AND table_name = ? AND values_hash = ?")) {
            select.setString(1, databaseName);
            select.setString(2, tableName);
            select.setString(3, valuesHash(values));
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? Optional.of(partition(rs.getString(1))) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<Partition> getPartitions(
      String databaseName, String tableName, List<List<String>> valuesList) {
    return read(
        "get partitions",
        c -> {
          Map<String, Partition> found = new HashMap<>();
          List<String> hashes = new ArrayList<>();
          for (List<String> values : valuesList) {
            hashes.add(valuesHash(values));
          }
          for (int from = 0; from < hashes.size(); from += 100) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + 100));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select =
                c.prepareStatement(
                    "SELECT values_hash, document FROM catalog_partitions"
                        + " WHERE database_name = ? AND table_name = ? AND values_hash IN ("
                        + marks
                        + ")")) {
              select.setString(1, databaseName);
              select.setString(2, tableName);
              for (int i = 0; i < chunk.size(); i++) {
                select.setString(3 + i, chunk.get(i));
              }
              try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                  found.put(rs.getString(1), partition(rs.getString(2)));
                }
              }
            }
          }
          Map<String, Partition> ordered = new LinkedHashMap<>();
          for (String hash : hashes) {
            Partition partition = found.get(hash);
            if (partition != null) {
              ordered.putIfAbsent(hash, partition);
            }
          }
          return List.copyOf(ordered.values());
        });
  }

  @Override
  public List<StoredPartition> scanPartitions(
      String databaseName, String tableName, long afterSeq, int limit) {
    return read(
        "scan partitions",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT seq, document FROM catalog_partitions"
                      + " WHERE database_name = ? AND table_name = ? AND seq > ?"
                      + " ORDER BY seq LIMIT ?")) {
            select.setString(1, databaseName);
            select.setString(2, tableName);
            select.setLong(3, afterSeq);
            select.setInt(4, limit);
            List<StoredPartition> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(new StoredPartition(rs.getLong(1), partition(rs.getString(2))));
              }
            }
            return result;
          }
        });
  }

  @Override
  public void updatePartition(
      String databaseName, String tableName, List<String> values, Partition partition) {
    write(
        "update partition",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE catalog_partitions SET values_hash = ?, document = ?"
                      + " WHERE database_name = ? AND table_name = ? AND values_hash = ?")) {
            update.setString(1, valuesHash(partition.values()));
            update.setString(2, GlueJson.writeString(partition.withCatalogId(null)));
            update.setString(3, databaseName);
            update.setString(4, tableName);
            update.setString(5, valuesHash(values));
            if (update.executeUpdate() == 0) {
              throw GlueException.notFound(
                  "Cannot update partition: partition not found: "
                      + describe(databaseName, tableName, values));
            }
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              throw GlueException.alreadyExists(
                  "Cannot update partition: the new values are taken: "
                      + describe(databaseName, tableName, partition.values()));
            }
            throw e;
          }
          return null;
        });
  }

  @Override
  public void deletePartition(String databaseName, String tableName, List<String> values) {
    write(
        "delete partition",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement(
                  "DELETE FROM catalog_partitions"
                      + " WHERE database_name = ? AND table_name = ? AND values_hash = ?")) {
            delete.setString(1, databaseName);
            delete.setString(2, tableName);
            delete.setString(3, valuesHash(values));
            if (delete.executeUpdate() == 0) {
              throw GlueException.notFound(
                  "Cannot delete partition: partition not found: "
                      + describe(databaseName, tableName, values));
            }
          }
          return null;
        });
  }

  // ---------------------------------------------------------------- jobs

  @Override
  public void createJob(Job job) {
    write(
        "create job",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO catalog_jobs (name, document, create_time) VALUES (?, ?, ?)")) {
            insert.setString(1, job.name());
            insert.setString(2, GlueJson.writeString(job));
            insert.setLong(3, job.createdOn().toEpochMilli());
            insert.executeUpdate();
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              throw GlueException.alreadyExists(
                  "Cannot create job: it already exists: " + job.name());
            }
            throw e;
          }
          return null;
        });
  }

  @Override
  public Optional<Job> getJob(String name) {
    return read(
        "get job",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT document FROM catalog_jobs WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(GlueJson.read(rs.getString(1), Job.class))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<Job> listJobs(String afterName, int limit) {
    return read(
        "list jobs",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT document FROM catalog_jobs WHERE name > ? ORDER BY name LIMIT ?")) {
            select.setString(1, afterName == null ? "" : afterName);
            select.setInt(2, limit);
            List<Job> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(GlueJson.read(rs.getString(1), Job.class));
              }
            }
            return result;
          }
        });
  }

  @Override
  public void updateJob(Job job) {
    write(
        "update job",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement("UPDATE catalog_jobs SET document = ? WHERE name = ?")) {
            update.setString(1, GlueJson.writeString(job));
            update.setString(2, job.name());
            if (update.executeUpdate() == 0) {
              throw GlueException.notFound("Cannot update job: job not found: " + job.name());
            }
          }
          return null;
        });
  }

  @Override
  public void deleteJob(String name) {
    write(
        "delete job",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM catalog_jobs WHERE name = ?")) {
            delete.setString(1, name);
            if (delete.executeUpdate() == 0) {
              throw GlueException.notFound("Cannot delete job: job not found: " + name);
            }
          }
          return null;
        });
  }

  @Override
  public void createJobRun(JobRun run) {
    write(
        "start job run",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO catalog_job_runs (id, job_name, state, document)"
                      + " VALUES (?, ?, ?, ?)")) {
            insert.setString(1, run.id());
            insert.setString(2, run.jobName());
            insert.setString(3, run.jobRunState().name());
            insert.setString(4, GlueJson.writeString(run));
            insert.executeUpdate();
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              throw GlueException.alreadyExists(
                  "Cannot start job run: the run id is taken: " + run.id());
            }
            if (isMissingParent(e)) {
              throw GlueException.notFound("Cannot start job run: job not found: " + run.jobName());
            }
            throw e;
          }
          return null;
        });
  }

  @Override
  public void updateJobRun(JobRun run) {
    write(
        "update job run",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE catalog_job_runs SET state = ?, document = ? WHERE id = ?")) {
            update.setString(1, run.jobRunState().name());
            update.setString(2, GlueJson.writeString(run));
            update.setString(3, run.id());
            if (update.executeUpdate() == 0) {
              throw GlueException.notFound(
                  "Cannot update job run: run not found: " + run.jobName() + " " + run.id());
            }
          }
          return null;
        });
  }

  @Override
  public Optional<JobRun> getJobRun(String jobName, String runId) {
    return read(
        "get job run",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT document FROM catalog_job_runs WHERE id = ? AND job_name = ?")) {
            select.setString(1, runId);
            select.setString(2, jobName);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(GlueJson.read(rs.getString(1), JobRun.class))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<StoredJobRun> listJobRuns(String jobName, long beforeSeq, int limit) {
    return read(
        "get job runs",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT seq, document FROM catalog_job_runs WHERE job_name = ? AND seq < ?"
                      + " ORDER BY seq DESC LIMIT ?")) {
            select.setString(1, jobName);
            select.setLong(2, beforeSeq);
            select.setInt(3, limit);
            List<StoredJobRun> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(
                    new StoredJobRun(rs.getLong(1), GlueJson.read(rs.getString(2), JobRun.class)));
              }
            }
            return result;
          }
        });
  }

  @Override
  public List<JobRun> listJobRunsIn(Set<JobRunState> states) {
    if (states.isEmpty()) {
      return List.of();
    }
    return read(
        "list job runs",
        c -> {
          String marks = String.join(", ", java.util.Collections.nCopies(states.size(), "?"));
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT document FROM catalog_job_runs WHERE state IN ("
                      + marks
                      + ") ORDER BY seq")) {
            int i = 1;
            for (JobRunState state : states) {
              select.setString(i++, state.name());
            }
            List<JobRun> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(GlueJson.read(rs.getString(1), JobRun.class));
              }
            }
            return result;
          }
        });
  }

  // ---------------------------------------------------------------- crawlers

  @Override
  public void createCrawler(Crawler crawler) {
    write(
        "create crawler",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO catalog_crawlers (name, state, document, create_time)"
                      + " VALUES (?, ?, ?, ?)")) {
            insert.setString(1, crawler.name());
            insert.setString(2, crawler.state().name());
            insert.setString(3, GlueJson.writeString(crawler));
            insert.setLong(4, crawler.creationTime().toEpochMilli());
            insert.executeUpdate();
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              throw GlueException.alreadyExists(
                  "Cannot create crawler: it already exists: " + crawler.name());
            }
            throw e;
          }
          return null;
        });
  }

  @Override
  public Optional<Crawler> getCrawler(String name) {
    return read(
        "get crawler",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT document FROM catalog_crawlers WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(GlueJson.read(rs.getString(1), Crawler.class))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<Crawler> listCrawlers(String afterName, int limit) {
    return read(
        "list crawlers",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT document FROM catalog_crawlers WHERE name > ? ORDER BY name LIMIT ?")) {
            select.setString(1, afterName == null ? "" : afterName);
            select.setInt(2, limit);
            List<Crawler> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(GlueJson.read(rs.getString(1), Crawler.class));
              }
            }
            return result;
          }
        });
  }

  @Override
  public void updateCrawler(Crawler crawler, CrawlerMetrics metrics) {
    write(
        "update crawler",
        c -> {
          String sql =
              metrics == null
                  ? "UPDATE catalog_crawlers SET state = ?, document = ? WHERE name = ?"
                  : "UPDATE catalog_crawlers SET state = ?, document = ?, metrics = ?"
                      + " WHERE name = ?";
          try (PreparedStatement update = c.prepareStatement(sql)) {
            int i = 1;
            update.setString(i++, crawler.state().name());
            update.setString(i++, GlueJson.writeString(crawler));
            if (metrics != null) {
              update.setString(i++, GlueJson.writeString(metrics));
            }
            update.setString(i, crawler.name());
            if (update.executeUpdate() == 0) {
              throw GlueException.notFound(
                  "Cannot update crawler: crawler not found: " + crawler.name());
            }
          }
          return null;
        });
  }

  @Override
  public Optional<CrawlerMetrics> getCrawlerMetrics(String name) {
    return read(
        "get crawler metrics",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT metrics FROM catalog_crawlers WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
              if (!rs.next() || rs.getString(1) == null) {
                return Optional.empty();
              }
              return Optional.of(GlueJson.read(rs.getString(1), CrawlerMetrics.class));
            }
          }
        });
  }

  @Override
  public void deleteCrawler(String name) {
    write(
        "delete crawler",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM catalog_crawlers WHERE name = ?")) {
            delete.setString(1, name);
            if (delete.executeUpdate() == 0) {
              throw GlueException.notFound("Cannot delete crawler: crawler not found: " + name);
            }
          }
          return null;
        });
  }

  @Override
  public boolean isHealthy() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      LOG.warn("Catalog store health check failed: {}", e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  // ---------------------------------------------------------------- helpers

  private static final String INSERT_PARTITION =
      "INSERT INTO catalog_partitions (database_name, table_name, values_hash, document,"
          + " create_time) VALUES (?, ?, ?, ?, ?)";

  private void insertPartition(Connection c, Partition partition) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(INSERT_PARTITION)) {
      bindPartition(insert, partition, valuesHash(partition.values()));
      insert.executeUpdate();
    } catch (SQLException e) {
      if (isUniqueViolation(e)) {
        throw GlueException.alreadyExists(
            "Cannot create partition: it already exists: "
                + describe(partition.databaseName(), partition.tableName(), partition.values()));
      }
      if (isMissingParent(e)) {
        throw GlueException.notFound(
            "Cannot create partition: table not found: "
                + partition.databaseName()
                + "."
                + partition.tableName());
      }
      throw e;
    }
  }

  private static void bindPartition(PreparedStatement insert, Partition partition, String hash)
      throws SQLException {
    insert.setString(1, partition.databaseName());
    insert.setString(2, partition.tableName());
    insert.setString(3, hash);
    insert.setString(4, GlueJson.writeString(partition.withCatalogId(null)));
    insert.setLong(5, partition.creationTime().toEpochMilli());
  }

  private static Set<String> existingHashes(
      Connection c, String databaseName, String tableName, List<Partition> partitions)
      throws SQLException {
    Set<String> existing = new HashSet<>();
    if (partitions.isEmpty()) {
      return existing;
    }
    String marks = String.join(", ", java.util.Collections.nCopies(partitions.size(), "?"));
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT values_hash FROM catalog_partitions WHERE database_name = ? AND table_name = ?"
                + " AND values_hash IN ("
                + marks
                + ")")) {
      select.setString(1, databaseName);
      select.setString(2, tableName);
      for (int i = 0; i < partitions.size(); i++) {
        select.setString(3 + i, valuesHash(partitions.get(i).values()));
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          existing.add(rs.getString(1));
        }
      }
    }
    return existing;
  }

  private Optional<Table> currentTable(Connection c, String databaseName, String tableName)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT version_id, document FROM catalog_tables WHERE database_name = ? AND name = ?")) {
      select.setString(1, databaseName);
      select.setString(2, tableName);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(table(rs.getLong(1), rs.getString(2))) : Optional.empty();
      }
    }
  }

  private Database database(String document) {
    return GlueJson.read(document, Database.class).withCatalogId(settings.catalogId());
  }

  private Table table(long versionId, String document) {
    return GlueJson.read(document, Table.class)
        .withVersion(Long.toString(versionId), settings.catalogId());
  }

  private Partition partition(String document) {
    return GlueJson.read(document, Partition.class).withCatalogId(settings.catalogId());
  }

  /** The key of a partition: SHA-256 of its values as a JSON array (values may be long). */
  static String valuesHash(List<String> values) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(GlueJson.writeString(values).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot compute SHA-256: JDK lacks it", e);
    }
  }

  private static String qualified(Table table) {
    return table.databaseName() + "." + table.name();
  }

  private static String describe(String databaseName, String tableName, List<String> values) {
    return databaseName + "." + tableName + " " + values;
  }

  private static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** H2 reports a missing parent row as 23506, PostgreSQL as 23503. */
  private static boolean isMissingParent(SQLException e) {
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

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T read(String action, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw translate(action, e);
    }
  }

  private <T> T write(String action, Work<T> work) {
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

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }
}
