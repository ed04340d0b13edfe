package io.driftway.catalogbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftway.catalogbridge.model.ConnectionsList;
import io.driftway.catalogbridge.model.CrawlerTargets;
import io.driftway.catalogbridge.model.DatabaseInput;
import io.driftway.catalogbridge.model.ExecutionProperty;
import io.driftway.catalogbridge.model.JobCommand;
import io.driftway.catalogbridge.model.JobUpdate;
import io.driftway.catalogbridge.model.NotificationProperty;
import io.driftway.catalogbridge.model.PartitionInput;
import io.driftway.catalogbridge.model.RecrawlPolicy;
import io.driftway.catalogbridge.model.SchemaChangePolicy;
import io.driftway.catalogbridge.model.TableInput;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The request shapes of the operations the bridge serves, member for member as the Glue API
 * reference names them. Members the bridge accepts but does not act on (transactions, audit
 * context) are listed so that the shapes stay complete.
 */
public final class GlueRequests {

  private GlueRequests() {}

  public record PartitionValueList(List<String> values) {}

  public record Segment(Integer segmentNumber, Integer totalSegments) {}

  public record CreateDatabase(
      String catalogId, DatabaseInput databaseInput, Map<String, String> tags) {}

  public record GetDatabase(String catalogId, String name) {}

  public record GetDatabases(
      String catalogId, String nextToken, Integer maxResults, String resourceShareType) {}

  public record UpdateDatabase(String catalogId, String name, DatabaseInput databaseInput) {}

  public record DeleteDatabase(String catalogId, String name) {}

  public record CreateTable(
      String catalogId,
      String databaseName,
      String name,
      TableInput tableInput,
      JsonNode partitionIndexes,
      String transactionId,
      JsonNode openTableFormatInput) {}

  public record GetTable(
      String catalogId,
      String databaseName,
      String name,
      String transactionId,
      Instant queryAsOfTime) {}

  public record GetTables(
      String catalogId,
      String databaseName,
      String expression,
      String nextToken,
      Integer maxResults,
      String transactionId,
      Instant queryAsOfTime) {}

  public record UpdateTable(
      String catalogId,
      String databaseName,
      String name,
      TableInput tableInput,
      Boolean skipArchive,
      String transactionId,
      String versionId,
      String viewUpdateAction,
      Boolean force) {}

  public record DeleteTable(
      String catalogId, String databaseName, String name, String transactionId) {}

  public record BatchDeleteTable(
      String catalogId, String databaseName, List<String> tablesToDelete, String transactionId) {}

  public record GetTableVersions(
      String catalogId,
      String databaseName,
      String tableName,
      String nextToken,
      Integer maxResults) {}

  public record GetTableVersion(
      String catalogId, String databaseName, String tableName, String versionId) {}

  public record DeleteTableVersion(
      String catalogId, String databaseName, String tableName, String versionId) {}

  public record BatchDeleteTableVersion(
      String catalogId, String databaseName, String tableName, List<String> versionIds) {}

  public record CreatePartition(
      String catalogId, String databaseName, String tableName, PartitionInput partitionInput) {}

  public record BatchCreatePartition(
      String catalogId,
      String databaseName,
      String tableName,
      List<PartitionInput> partitionInputList) {}

  public record GetPartition(
      String catalogId, String databaseName, String tableName, List<String> partitionValues) {}

  public record BatchGetPartition(
      String catalogId,
      String databaseName,
      String tableName,
      List<PartitionValueList> partitionsToGet) {}

  public record GetPartitions(
      String catalogId,
      String databaseName,
      String tableName,
      String expression,
      String nextToken,
      Segment segment,
      Integer maxResults,
      Boolean excludeColumnSchema,
      String transactionId,
      Instant queryAsOfTime) {}

  public record UpdatePartition(
      String catalogId,
      String databaseName,
      String tableName,
      List<String> partitionValueList,
      PartitionInput partitionInput) {}

  public record DeletePartition(
      String catalogId, String databaseName, String tableName, List<String> partitionValues) {}

  public record BatchDeletePartition(
      String catalogId,
      String databaseName,
      String tableName,
      List<PartitionValueList> partitionsToDelete) {}

  public record BatchUpdatePartitionEntry(
      List<String> partitionValueList, PartitionInput partitionInput) {}

  public record BatchUpdatePartition(
      String catalogId,
      String databaseName,
      String tableName,
      List<BatchUpdatePartitionEntry> entries) {}

  // ---------------------------------------------------------------- jobs

  public record CreateJob(
      String name,
      String jobMode,
      String description,
      String logUri,
      String role,
      ExecutionProperty executionProperty,
      JobCommand command,
      Map<String, String> defaultArguments,
      Map<String, String> nonOverridableArguments,
      ConnectionsList connections,
      Integer maxRetries,
      Integer allocatedCapacity,
      Integer timeout,
      Double maxCapacity,
      String securityConfiguration,
      Map<String, String> tags,
      NotificationProperty notificationProperty,
      String glueVersion,
      Integer numberOfWorkers,
      String workerType,
      String executionClass) {

    /** The definition part of this request. */
    public JobUpdate definition() {
      return new JobUpdate(
          jobMode,
          description,
          logUri,
          role,
          executionProperty,
          command,
          defaultArguments,
          nonOverridableArguments,
          connections,
          maxRetries,
          allocatedCapacity,
          timeout,
          maxCapacity,
          workerType,
          numberOfWorkers,
          securityConfiguration,
          notificationProperty,
          glueVersion,
          executionClass);
    }
  }

  public record GetJob(String jobName) {}

  public record GetJobs(String nextToken, Integer maxResults) {}

  public record UpdateJob(String jobName, JobUpdate jobUpdate) {}

  public record DeleteJob(String jobName) {}

  public record StartJobRun(
      String jobName,
      String jobRunId,
      Map<String, String> arguments,
      Integer allocatedCapacity,
      Integer timeout,
      Double maxCapacity,
      String securityConfiguration,
      NotificationProperty notificationProperty,
      String workerType,
      Integer numberOfWorkers,
      String executionClass) {}

  public record GetJobRun(String jobName, String runId, Boolean predecessorsIncluded) {}

  public record GetJobRuns(String jobName, String nextToken, Integer maxResults) {}

  public record BatchStopJobRun(String jobName, List<String> jobRunIds) {}

  // ---------------------------------------------------------------- crawlers

  public record CreateCrawler(
      String name,
      String role,
      String databaseName,
      String description,
      CrawlerTargets targets,
      String schedule,
      List<String> classifiers,
      String tablePrefix,
      SchemaChangePolicy schemaChangePolicy,
      RecrawlPolicy recrawlPolicy,
      String configuration,
      String crawlerSecurityConfiguration,
      Map<String, String> tags) {}

  public record UpdateCrawler(
      String name,
      String role,
      String databaseName,
      String description,
      CrawlerTargets targets,
      String schedule,
      List<String> classifiers,
      String tablePrefix,
      SchemaChangePolicy schemaChangePolicy,
      RecrawlPolicy recrawlPolicy,
      String configuration,
      String crawlerSecurityConfiguration) {}

  public record GetCrawler(String name) {}

  public record GetCrawlers(Integer maxResults, String nextToken) {}

  public record StartCrawler(String name) {}

  public record StopCrawler(String name) {}

  public record DeleteCrawler(String name) {}

  public record GetCrawlerMetrics(
      List<String> crawlerNameList, Integer maxResults, String nextToken) {}
}
