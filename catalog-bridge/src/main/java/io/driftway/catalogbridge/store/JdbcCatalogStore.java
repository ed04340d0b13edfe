package io.driftway.catalogbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.driftway.catalogbridge.model.Crawler;
import io.driftway.catalogbridge.model.CrawlerMetrics;
import io.driftway.catalogbridge.model.Database;
import io.driftway.catalogbridge.model.Job;
import io.driftway.catalogbridge.model.JobRun;
import io.driftway.catalogbridge.model.JobRunState;
import io.driftway.catalogbridge.model.Partition;
import io.driftway.catalogbridge.model.Table;
import io.driftway.catalogbridge.model.TableVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CatalogStore} on JDBC: H2 (embedded file) or PostgreSQL, through a connection pool. Opens
 * the pool, applies migrations, and hands each call to the aggregate that owns its tables.
 */
final class JdbcCatalogStore implements CatalogStore {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcCatalogStore.class);

  private final JdbcSupport jdbc;
  private final JdbcDatabases databases;
  private final JdbcTables tables;
  private final JdbcPartitions partitions;
  private final JdbcJobs jobs;
  private final JdbcAlerts alerts;
  private final JdbcCrawlers crawlers;

  private JdbcCatalogStore(JdbcSupport jdbc, H2TableChanges tableChanges) {
    this.jdbc = jdbc;
    this.databases = new JdbcDatabases(jdbc);
    this.tables = new JdbcTables(jdbc, tableChanges);
    this.partitions = new JdbcPartitions(jdbc);
    this.jobs = new JdbcJobs(jdbc);
    this.alerts = new JdbcAlerts(jdbc);
    this.crawlers = new JdbcCrawlers(jdbc);
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
    H2TableChanges tableChanges = null;
    if (dialect == Dialect.H2) {
      try (Connection c = dataSource.getConnection()) {
        tableChanges = H2TableChanges.open(c);
      } catch (SQLException e) {
        dataSource.close();
        throw new IllegalStateException(
            "Cannot open catalog store: " + rootMessage(e) + ": " + settings.url(), e);
      }
    }
    LOG.info(
        "Catalog store open: {} ({}{})",
        settings.url(),
        dialect,
        tableChanges == null ? "" : ", in this JVM: unchanged tables are not read again");
    return new JdbcCatalogStore(new JdbcSupport(dataSource, settings), tableChanges);
  }

  @Override
  public void createDatabase(Database database) {
    databases.createDatabase(database);
  }

  @Override
  public Optional<Database> getDatabase(String name) {
    return databases.getDatabase(name);
  }

  @Override
  public List<Database> listDatabases(String afterName, int limit) {
    return databases.listDatabases(afterName, limit);
  }

  @Override
  public void updateDatabase(Database database) {
    databases.updateDatabase(database);
  }

  @Override
  public void deleteDatabase(String name) {
    databases.deleteDatabase(name);
  }

  @Override
  public Table createTable(Table table) {
    return tables.createTable(table);
  }

  @Override
  public Optional<Table> getTable(String databaseName, String name) {
    return tables.getTable(databaseName, name);
  }

  @Override
  public List<Table> listTables(String databaseName, String afterName, int limit) {
    return tables.listTables(databaseName, afterName, limit);
  }

  @Override
  public Table updateTable(Table table, String expectedVersionId, boolean archive) {
    return tables.updateTable(table, expectedVersionId, archive);
  }

  @Override
  public void deleteTable(String databaseName, String name) {
    tables.deleteTable(databaseName, name);
  }

  @Override
  public List<TableVersion> listTableVersions(
      String databaseName, String tableName, Long beforeVersion, int limit) {
    return tables.listTableVersions(databaseName, tableName, beforeVersion, limit);
  }

  @Override
  public Optional<TableVersion> getTableVersion(
      String databaseName, String tableName, long versionId) {
    return tables.getTableVersion(databaseName, tableName, versionId);
  }

  @Override
  public void deleteTableVersion(String databaseName, String tableName, long versionId) {
    tables.deleteTableVersion(databaseName, tableName, versionId);
  }

  @Override
  public void createPartition(Partition partition) {
    partitions.createPartition(partition);
  }

  @Override
  public List<ItemError> createPartitions(
      String databaseName, String tableName, List<Partition> partitions) {
    return this.partitions.createPartitions(databaseName, tableName, partitions);
  }

  @Override
  public Optional<Partition> getPartition(
      String databaseName, String tableName, List<String> values) {
    return partitions.getPartition(databaseName, tableName, values);
  }

  @Override
  public List<Partition> getPartitions(
      String databaseName, String tableName, List<List<String>> valuesList) {
    return partitions.getPartitions(databaseName, tableName, valuesList);
  }

  @Override
  public List<StoredPartition> scanPartitions(
      String databaseName, String tableName, long afterSeq, int limit) {
    return partitions.scanPartitions(databaseName, tableName, afterSeq, limit);
  }

  @Override
  public void updatePartition(
      String databaseName, String tableName, List<String> values, Partition partition) {
    partitions.updatePartition(databaseName, tableName, values, partition);
  }

  @Override
  public void deletePartition(String databaseName, String tableName, List<String> values) {
    partitions.deletePartition(databaseName, tableName, values);
  }

  @Override
  public void createJob(Job job) {
    jobs.createJob(job);
  }

  @Override
  public Optional<Job> getJob(String name) {
    return jobs.getJob(name);
  }

  @Override
  public List<Job> listJobs(String afterName, int limit) {
    return jobs.listJobs(afterName, limit);
  }

  @Override
  public void updateJob(Job job) {
    jobs.updateJob(job);
  }

  @Override
  public void deleteJob(String name) {
    jobs.deleteJob(name);
  }

  @Override
  public void createJobRun(JobRun run) {
    jobs.createJobRun(run);
  }

  @Override
  public void updateJobRun(JobRun run) {
    jobs.updateJobRun(run);
  }

  @Override
  public Optional<JobRun> getJobRun(String jobName, String runId) {
    return jobs.getJobRun(jobName, runId);
  }

  @Override
  public List<StoredJobRun> listJobRuns(String jobName, long beforeSeq, int limit) {
    return jobs.listJobRuns(jobName, beforeSeq, limit);
  }

  @Override
  public List<JobRun> listJobRunsIn(Set<JobRunState> states) {
    return jobs.listJobRunsIn(states);
  }

  @Override
  public boolean putAlert(StoredAlert alert) {
    return alerts.putAlert(alert);
  }

  @Override
  public List<StoredAlert> listAlerts(String database, String table, long beforeSeq, int limit) {
    return alerts.listAlerts(database, table, beforeSeq, limit);
  }

  @Override
  public Map<JobRunState, Long> countJobRunsByState() {
    return jobs.countJobRunsByState();
  }

  @Override
  public void createCrawler(Crawler crawler) {
    crawlers.createCrawler(crawler);
  }

  @Override
  public Optional<Crawler> getCrawler(String name) {
    return crawlers.getCrawler(name);
  }

  @Override
  public List<Crawler> listCrawlers(String afterName, int limit) {
    return crawlers.listCrawlers(afterName, limit);
  }

  @Override
  public void updateCrawler(Crawler crawler, CrawlerMetrics metrics) {
    crawlers.updateCrawler(crawler, metrics);
  }

  @Override
  public Optional<CrawlerMetrics> getCrawlerMetrics(String name) {
    return crawlers.getCrawlerMetrics(name);
  }

  @Override
  public void deleteCrawler(String name) {
    crawlers.deleteCrawler(name);
  }

  @Override
  public boolean isHealthy() {
    return jdbc.isHealthy();
  }

  @Override
  public void close() {
    jdbc.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }
}
