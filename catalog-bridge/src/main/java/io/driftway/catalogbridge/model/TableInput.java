package io.driftway.catalogbridge.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Glue {@code TableInput}: what CreateTable and UpdateTable receive. {@code viewDefinition} is
 * kept as the JSON the client sent.
 */
public record TableInput(
    String name,
    String description,
    String owner,
    Instant lastAccessTime,
    Instant lastAnalyzedTime,
    Integer retention,
    StorageDescriptor storageDescriptor,
    List<Column> partitionKeys,
    String viewOriginalText,
    String viewExpandedText,
    String tableType,
    Map<String, String> parameters,
    TableIdentifier targetTable,
    JsonNode viewDefinition) {

  public TableInput {
    partitionKeys = Copies.list(partitionKeys);
    parameters = Copies.map(parameters);
    viewDefinition = viewDefinition == null ? null : viewDefinition.deepCopy();
  }

  /** This input with another storage descriptor. */
  public TableInput withStorageDescriptor(StorageDescriptor descriptor) {
    return new TableInput(
        name,
        description,
        owner,
        lastAccessTime,
        lastAnalyzedTime,
        retention,
        descriptor,
        partitionKeys,
        viewOriginalText,
        viewExpandedText,
        tableType,
        parameters,
        targetTable,
        viewDefinition);
  }

  /** This input with another name. */
  public TableInput withName(String newName) {
    return new TableInput(
        newName,
        description,
        owner,
        lastAccessTime,
        lastAnalyzedTime,
        retention,
        storageDescriptor,
        partitionKeys,
        viewOriginalText,
        viewExpandedText,
        tableType,
        parameters,
        targetTable,
        viewDefinition);
  }
}
