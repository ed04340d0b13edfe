package io.driftway.catalogbridge.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Glue {@code Partition} as GetPartition returns it. */
public record Partition(
    List<String> values,
    String databaseName,
    String tableName,
    Instant creationTime,
    Instant lastAccessTime,
    StorageDescriptor storageDescriptor,
    Map<String, String> parameters,
    Instant lastAnalyzedTime,
    String catalogId) {

  public Partition {
    values = Copies.list(values);
    parameters = Copies.map(parameters);
  }

  /** A partition made from its input. */
  public static Partition from(
      PartitionInput input,
      String databaseName,
      String tableName,
      Instant creationTime,
      String catalogId) {
    return new Partition(
        input.values(),
        databaseName,
        tableName,
        creationTime,
        input.lastAccessTime(),
        input.storageDescriptor(),
        input.parameters(),
        input.lastAnalyzedTime(),
        catalogId);
  }

  /** The input that recreates this partition elsewhere (used by mirror). */
  public PartitionInput toInput() {
    return new PartitionInput(
        values, lastAccessTime, storageDescriptor, parameters, lastAnalyzedTime);
  }

  /** This partition without column schemas (GetPartitions {@code ExcludeColumnSchema}). */
  public Partition withoutColumns() {
    if (storageDescriptor == null || storageDescriptor.columns() == null) {
      return this;
    }
    return new Partition(
        values,
        databaseName,
        tableName,
        creationTime,
        lastAccessTime,
        storageDescriptor.withColumns(null),
        parameters,
        lastAnalyzedTime,
        catalogId);
  }

  /** This partition as served by a catalog with another id. */
  public Partition withCatalogId(String newCatalogId) {
    return new Partition(
        values,
        databaseName,
        tableName,
        creationTime,
        lastAccessTime,
        storageDescriptor,
        parameters,
        lastAnalyzedTime,
        newCatalogId);
  }
}
