package io.driftway.catalogbridge.api;

import io.driftway.catalogbridge.model.Crawler;
import io.driftway.catalogbridge.model.CrawlerMetrics;
import io.driftway.catalogbridge.model.Database;
import io.driftway.catalogbridge.model.Job;
import io.driftway.catalogbridge.model.JobRun;
import io.driftway.catalogbridge.model.Partition;
import io.driftway.catalogbridge.model.Table;
import io.driftway.catalogbridge.model.TableVersion;
import java.util.List;
import java.util.Map;

/**
 * The response shapes of the operations the bridge serves, as the Glue API reference names them.
 */
public final class GlueResponses {

  /** The body of operations that answer with no members. */
  public static final Map<String, Object> EMPTY = Map.of();

  private GlueResponses() {}

  public record ErrorDetail(String errorCode, String errorMessage) {}

  public record TableError(String tableName, ErrorDetail errorDetail) {}

  public record TableVersionError(String tableName, String versionId, ErrorDetail errorDetail) {}

  public record PartitionError(List<String> partitionValues, ErrorDetail errorDetail) {}

  public record BatchUpdatePartitionFailureEntry(
      List<String> partitionValueList, ErrorDetail errorDetail) {}

  public record GetDatabase(Database database) {}

  public record GetDatabases(List<Database> databaseList, String nextToken) {}

  public record GetTable(Table table) {}

  public record GetTables(List<Table> tableList, String nextToken) {}

  public record BatchDeleteTable(List<TableError> errors) {}

  public record GetTableVersions(List<TableVersion> tableVersions, String nextToken) {}

  public record GetTableVersion(TableVersion tableVersion) {}

  public record BatchDeleteTableVersion(List<TableVersionError> errors) {}

  public record BatchCreatePartition(List<PartitionError> errors) {}

  public record GetPartition(Partition partition) {}

  public record BatchGetPartition(
      List<Partition> partitions, List<GlueRequests.PartitionValueList> unprocessedKeys) {}

  public record GetPartitions(List<Partition> partitions, String nextToken) {}

  public record BatchDeletePartition(List<PartitionError> errors) {}

  public record BatchUpdatePartition(List<BatchUpdatePartitionFailureEntry> errors) {}

  public record CreateJob(String name) {}

  public record GetJob(Job job) {}

  public record GetJobs(List<Job> jobs, String nextToken) {}

  public record UpdateJob(String jobName) {}

  public record DeleteJob(String jobName) {}

  public record StartJobRun(String jobRunId) {}

  public record GetJobRun(JobRun jobRun) {}

  public record GetJobRuns(List<JobRun> jobRuns, String nextToken) {}

  public record BatchStopJobRunSuccessfulSubmission(String jobName, String jobRunId) {}

  public record BatchStopJobRunError(String jobName, String jobRunId, ErrorDetail errorDetail) {}

  public record BatchStopJobRun(
      List<BatchStopJobRunSuccessfulSubmission> successfulSubmissions,
      List<BatchStopJobRunError> errors) {}

  public record GetCrawler(Crawler crawler) {}

  public record GetCrawlers(List<Crawler> crawlers, String nextToken) {}

  public record GetCrawlerMetrics(List<CrawlerMetrics> crawlerMetricsList, String nextToken) {}
}
