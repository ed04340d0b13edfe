package io.driftway.catalogbridge.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Glue {@code Table} as GetTable returns it: the input fields plus what the catalog keeps
 * (database, times, creator, catalog id, version id).
 */
public record Table(
    String name,
    String databaseName,
    String description,
    String owner,
    Instant createTime,
    Instant updateTime,
    Instant lastAccessTime,
    Instant lastAnalyzedTime,
    Integer retention,
    StorageDescriptor storageDescriptor,
    List<Column> partitionKeys,
    String viewOriginalText,
    String viewExpandedText,
    String tableType,
    Map<String, String> parameters,
    String createdBy,
    Boolean isRegisteredWithLakeFormation,
    TableIdentifier targetTable,
    String catalogId,
    String versionId,
    FederatedTable federatedTable,
    JsonNode viewDefinition) {

  /** Iceberg's table parameter naming the current metadata file. */
  public static final String METADATA_LOCATION = "metadata_location";

  /** The table parameter Iceberg sets to {@code ICEBERG}. */
  public static final String TABLE_TYPE_PARAMETER = "table_type";

  public Table {
    partitionKeys = Copies.list(partitionKeys);
    parameters = Copies.map(parameters);
    viewDefinition = viewDefinition == null ? null : viewDefinition.deepCopy();
  }

  /**
   * A copy of the view definition: a JSON tree can be changed, and the store hands the same table
   * value to every reader of an unchanged row.
   */
  @Override
  public JsonNode viewDefinition() {
    return viewDefinition == null ? null : viewDefinition.deepCopy();
  }

  /** A table made from its input; names are the stored (lowercase) names. */
  public static Table from(
      TableInput input,
      String name,
      String databaseName,
      Instant createTime,
      Instant updateTime,
      String createdBy,
      String catalogId,
      String versionId) {
    return new Table(
        name,
        databaseName,
        input.description(),
        input.owner(),
        createTime,
        updateTime,
        input.lastAccessTime(),
        input.lastAnalyzedTime(),
        input.retention(),
        input.storageDescriptor(),
        input.partitionKeys() == null ? List.of() : input.partitionKeys(),
        input.viewOriginalText(),
        input.viewExpandedText(),
        input.tableType(),
        input.parameters(),
        createdBy,
        false,
        input.targetTable(),
        catalogId,
        versionId,
        null,
        input.viewDefinition());
  }

  /** The input that recreates this table elsewhere (used by mirror). */
  public TableInput toInput() {
    return new TableInput(
        name,
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

  /** True when Iceberg manages this table (parameter {@code table_type=ICEBERG}). */
  public boolean isIceberg() {
    return parameters != null && "ICEBERG".equalsIgnoreCase(parameters.get(TABLE_TYPE_PARAMETER));
  }

  /** The Iceberg metadata file this table points to, or null. */
  public String metadataLocation() {
    return parameters == null ? null : parameters.get(METADATA_LOCATION);
  }

  /** This table with a version id and catalog id, as the store hands it out. */
  public Table withVersion(String newVersionId, String newCatalogId) {
    return new Table(
        name,
        databaseName,
        description,
        owner,
        createTime,
        updateTime,
        lastAccessTime,
        lastAnalyzedTime,
        retention,
        storageDescriptor,
        partitionKeys,
        viewOriginalText,
        viewExpandedText,
        tableType,
        parameters,
        createdBy,
        isRegisteredWithLakeFormation,
        targetTable,
        newCatalogId,
        newVersionId,
        federatedTable,
        viewDefinition);
  }
}
