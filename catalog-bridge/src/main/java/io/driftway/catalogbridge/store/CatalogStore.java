package io.driftway.catalogbridge.store;

import io.driftway.catalogbridge.model.Crawler;
import io.driftway.catalogbridge.model.CrawlerMetrics;
import io.driftway.catalogbridge.model.Database;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.Job;
import io.driftway.catalogbridge.model.JobRun;
import io.driftway.catalogbridge.model.JobRunState;
import io.driftway.catalogbridge.model.Partition;
import io.driftway.catalogbridge.model.Table;
import io.driftway.catalogbridge.model.TableVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog's storage: databases, tables with their version counter and archived versions, and
 * partitions, in a relational database. Every write is one transaction. Names passed in are the
 * stored (lowercase) names. Failures a client should see are {@link GlueException}s
 * (EntityNotFoundException, AlreadyExistsException, ConcurrentModificationException).
 *
 * <p>Thread-safe: one store serves all server threads.
 *
 * <pre>{@code
 * try (CatalogStore store = CatalogStore.open(StoreSettings.of("jdbc:h2:file:/tmp/catalog"))) {
 *   store.createDatabase(database);
 *   Table updated = store.updateTable(table, "3", true); // fails unless version 3 is current
 * }
 * }</pre>
 */
public interface CatalogStore extends AutoCloseable {

  /** Opens the store and applies pending schema migrations. */
  static CatalogStore open(StoreSettings settings) {
    return JdbcCatalogStore.open(settings);
  }

  // Databases, ordered by name.

  void createDatabase(Database database);

  Optional<Database> getDatabase(String name);

  /** Up to {@code limit} databases named after {@code afterName} (null: from the start). */
  List<Database> listDatabases(String afterName, int limit);

  void updateDatabase(Database database);

  /** Deletes the database with its tables, versions and partitions. */
  void deleteDatabase(String name);

  // Tables, ordered by name; a new table is version 0.

  Table createTable(Table table);

  Optional<Table> getTable(String databaseName, String name);

  /** Up to {@code limit} tables of a database named after {@code afterName} (null: from start). */
  List<Table> listTables(String databaseName, String afterName, int limit);

  /**
   * Replaces a table's definition and advances its version by one, atomically.
   *
   * @param expectedVersionId when not null, the update happens only if this is the current version;
   *     otherwise it fails with ConcurrentModificationException
   * @param archive keep the replaced definition as a table version (Glue's {@code SkipArchive}
   *     false)
   * @return the table as stored, with its new version id
   */
  Table updateTable(Table table, String expectedVersionId, boolean archive);

  /** Deletes the table with its versions and partitions. */
  void deleteTable(String databaseName, String name);

  /** The current and archived versions, newest first, with versions below {@code beforeVersion}. */
  List<TableVersion> listTableVersions(
      String databaseName, String tableName, Long beforeVersion, int limit);

  Optional<TableVersion> getTableVersion(String databaseName, String tableName, long versionId);

  /** Deletes an archived version; the current version cannot be deleted. */
  void deleteTableVersion(String databaseName, String tableName, long versionId);

  // Partitions, in creation order.

  void createPartition(Partition partition);

  /**
   * Creates each partition that does not exist yet; returns one error per partition not created.
   */
  List<ItemError> createPartitions(
      String databaseName, String tableName, List<Partition> partitions);

  Optional<Partition> getPartition(String databaseName, String tableName, List<String> values);

  /** The partitions among {@code valuesList} that exist, in request order. */
  List<Partition> getPartitions(
      String databaseName, String tableName, List<List<String>> valuesList);

  /** Up to {@code limit} partitions created after position {@code afterSeq} (0: from the start). */
  List<StoredPartition> scanPartitions(
      String databaseName, String tableName, long afterSeq, int limit);

  /** Replaces a partition; its values may change (then the new values must be free). */
  void updatePartition(
      String databaseName, String tableName, List<String> values, Partition partition);

  void deletePartition(String databaseName, String tableName, List<String> values);

  // Jobs, ordered by name, and their runs, newest first.

  void createJob(Job job);

  Optional<Job> getJob(String name);

  /** Up to {@code limit} jobs named after {@code afterName} (null: from the start). */
  List<Job> listJobs(String afterName, int limit);

  /** Replaces a job's definition; EntityNotFoundException when there is none. */
  void updateJob(Job job);

  /** Deletes a job with its runs; EntityNotFoundException when there is none. */
  void deleteJob(String name);

  /** Records a new run of an existing job; EntityNotFoundException when the job is gone. */
  void createJobRun(JobRun run);

  /** Replaces a run's document and state. */
  void updateJobRun(JobRun run);

  Optional<JobRun> getJobRun(String jobName, String runId);

  /** Up to {@code limit} runs of a job started before position {@code beforeSeq}, newest first. */
  List<StoredJobRun> listJobRuns(String jobName, long beforeSeq, int limit);

  /** Every run, of any job, in one of {@code states} (to find runs a stopped bridge left). */
  List<JobRun> listJobRunsIn(Set<JobRunState> states);

  /** How many runs, of any job, are in each state (states without runs are left out). */
  Map<JobRunState, Long> countJobRunsByState();

  // Crawlers, ordered by name, each with the metrics of its latest crawl.

  void createCrawler(Crawler crawler);

  Optional<Crawler> getCrawler(String name);

  /** Up to {@code limit} crawlers named after {@code afterName} (null: from the start). */
  List<Crawler> listCrawlers(String afterName, int limit);

  /**
   * Replaces a crawler's document and state, and its metrics unless {@code metrics} is null;
   * EntityNotFoundException when there is none.
   */
  void updateCrawler(Crawler crawler, CrawlerMetrics metrics);

  /** The metrics of the crawler's latest finished crawl, empty when it never finished one. */
  Optional<CrawlerMetrics> getCrawlerMetrics(String name);

  /** Deletes a crawler; EntityNotFoundException when there is none. */
  void deleteCrawler(String name);

  // Alerts pipelines send, newest first.

  /** Stores {@code alert}; false (and nothing changes) when its alert id is already stored. */
  boolean putAlert(StoredAlert alert);

  /**
   * Up to {@code limit} alerts stored before position {@code beforeSeq} ({@code Long.MAX_VALUE}:
   * the newest), newest first, of one database and table when they are not null.
   */
  List<StoredAlert> listAlerts(String database, String table, long beforeSeq, int limit);

  /** True when the database answers. */
  boolean isHealthy();

  @Override
  void close();
}
