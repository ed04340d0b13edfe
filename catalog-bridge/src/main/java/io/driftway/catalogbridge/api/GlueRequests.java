package io.driftway.catalogbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftway.catalogbridge.model.DatabaseInput;
import io.driftway.catalogbridge.model.PartitionInput;
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
}
