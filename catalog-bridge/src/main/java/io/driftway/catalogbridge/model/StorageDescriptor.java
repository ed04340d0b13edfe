package io.driftway.catalogbridge.model;

import java.util.List;
import java.util.Map;

/**
 * A Glue {@code StorageDescriptor}: where a table's or partition's data lives and how it is stored.
 * Every field is optional, as in Glue.
 */
public record StorageDescriptor(
    List<Column> columns,
    String location,
    List<String> additionalLocations,
    String inputFormat,
    String outputFormat,
    Boolean compressed,
    Integer numberOfBuckets,
    SerDeInfo serdeInfo,
    List<String> bucketColumns,
    List<Order> sortColumns,
    Map<String, String> parameters,
    SkewedInfo skewedInfo,
    Boolean storedAsSubDirectories,
    SchemaReference schemaReference) {

  public StorageDescriptor {
    columns = Copies.list(columns);
    additionalLocations = Copies.list(additionalLocations);
    bucketColumns = Copies.list(bucketColumns);
    sortColumns = Copies.list(sortColumns);
    parameters = Copies.map(parameters);
  }

  /** An empty descriptor with only a location, as Iceberg writes for a new table. */
  public static StorageDescriptor ofLocation(String location) {
    return new StorageDescriptor(
        null, location, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** This descriptor with other columns. */
  public StorageDescriptor withColumns(List<Column> newColumns) {
    return new StorageDescriptor(
        newColumns,
        location,
        additionalLocations,
        inputFormat,
        outputFormat,
        compressed,
        numberOfBuckets,
        serdeInfo,
        bucketColumns,
        sortColumns,
        parameters,
        skewedInfo,
        storedAsSubDirectories,
        schemaReference);
  }
}
