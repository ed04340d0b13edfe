package io.driftway.catalogbridge.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Glue {@code PartitionInput}: what CreatePartition and UpdatePartition receive. */
public record PartitionInput(
    List<String> values,
    Instant lastAccessTime,
    StorageDescriptor storageDescriptor,
    Map<String, String> parameters,
    Instant lastAnalyzedTime) {

  public PartitionInput {
    values = Copies.list(values);
    parameters = Copies.map(parameters);
  }
}
