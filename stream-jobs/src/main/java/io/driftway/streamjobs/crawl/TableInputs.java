package io.driftway.streamjobs.crawl;

import io.driftway.schemaevolution.mapping.AvroSchemas;
import io.driftway.schemaevolution.mapping.HiveTypes;
import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The Glue table and partition inputs a crawl writes, shaped as AWS Glue's crawler shapes them: an
 * {@code EXTERNAL_TABLE} whose parameters (on the table and on its storage descriptor) carry {@code
 * classification}, {@code compressionType}, {@code typeOfData} and {@code UPDATED_BY_CRAWLER}; CSV
 * tables also {@code delimiter}, {@code skip.header.line.count}, {@code areColumnsQuoted} and
 * {@code columnsOrdered}.
 */
final class TableInputs {

  /** Glue's marker on a table (or partition) whose files are gone, holding epoch milliseconds. */
  static final String DEPRECATED = "DEPRECATED_BY_CRAWLER";

  static final String UPDATED_BY = "UPDATED_BY_CRAWLER";

  /** The SerDe for CSV with quoted cells, which LazySimpleSerDe would read with their quotes. */
  static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";

  static final String CLASSIFICATION = "classification";

  private TableInputs() {}

  /** The table shape of a crawl; {@code columns} exclude the partition keys. */
  record Shape(
      String location,
      CrawlFormat format,
      String compression,
      StructType columns,
      List<Column> partitionKeys,
      String crawlerName,
      boolean quoted) {}

  static TableInput table(String name, Shape shape) {
    Map<String, String> parameters = parameters(shape);
    return TableInput.builder()
        .name(name)
        .tableType("EXTERNAL_TABLE")
        .partitionKeys(shape.partitionKeys())
        .parameters(parameters)
        .storageDescriptor(storage(shape, shape.location(), parameters))
        .build();
  }

  /**
   * The existing table with the crawl's columns, formats and crawler parameters; what a user set
   * elsewhere (description, owner, other parameters) is kept, and a deprecation marker is removed.
   */
  static TableInput update(Table existing, Shape shape) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (existing.hasParameters()) {
      parameters.putAll(existing.parameters());
    }
    parameters.remove(DEPRECATED);
    parameters.putAll(parameters(shape));
    return asInput(existing).toBuilder()
        .partitionKeys(shape.partitionKeys())
        .parameters(parameters)
        .storageDescriptor(storage(shape, shape.location(), parameters))
        .build();
  }

  /** The existing table as an input, for an update that changes only {@code parameters}. */
  static TableInput withParameters(Table existing, Map<String, String> parameters) {
    return asInput(existing).toBuilder().parameters(parameters).build();
  }

  /** A new partition: the table's storage descriptor at the partition's folder. */
  static PartitionInput partition(List<String> values, StorageDescriptor table, String location) {
    return PartitionInput.builder()
        .values(values)
        .storageDescriptor(table.toBuilder().location(location).build())
        .parameters(Map.of())
        .build();
  }

  private static TableInput asInput(Table existing) {
    return TableInput.builder()
        .name(existing.name())
        .description(existing.description())
        .owner(existing.owner())
        .retention(existing.retention())
        .tableType(existing.tableType())
        .partitionKeys(existing.partitionKeys())
        .parameters(existing.parameters())
        .storageDescriptor(existing.storageDescriptor())
        .viewOriginalText(existing.viewOriginalText())
        .viewExpandedText(existing.viewExpandedText())
        .build();
  }

  private static Map<String, String> parameters(Shape shape) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(CLASSIFICATION, shape.format().classification());
    parameters.put("compressionType", shape.compression());
    parameters.put("typeOfData", "file");
    parameters.put(UPDATED_BY, shape.crawlerName());
    parameters.put("CrawlerSchemaSerializerVersion", "1.0");
    parameters.put("CrawlerSchemaDeserializerVersion", "1.0");
    if (shape.format() == CrawlFormat.CSV) {
      parameters.put("delimiter", ",");
      parameters.put("skip.header.line.count", "1");
      parameters.put("areColumnsQuoted", Boolean.toString(shape.quoted()));
      parameters.put("columnsOrdered", "true");
    }
    return parameters;
  }

  private static StorageDescriptor storage(
      Shape shape, String location, Map<String, String> parameters) {
    return StorageDescriptor.builder()
        .location(location)
        .columns(columns(shape.columns()))
        .inputFormat(shape.format().inputFormat())
        .outputFormat(shape.format().outputFormat())
        .compressed(!"none".equals(shape.compression()))
        .numberOfBuckets(-1)
        .storedAsSubDirectories(false)
        .serdeInfo(serDe(shape))
        .parameters(parameters)
        .build();
  }

  private static SerDeInfo serDe(Shape shape) {
    Map<String, String> parameters = new LinkedHashMap<>();
    switch (shape.format()) {
      case PARQUET -> parameters.put("serialization.format", "1");
      case JSON -> {
        List<String> names = new ArrayList<>();
        shape.columns().fields().forEach(f -> names.add(f.name()));
        names.sort(String.CASE_INSENSITIVE_ORDER);
        parameters.put("paths", String.join(",", names));
      }
      case CSV -> {
        if (shape.quoted()) {
          parameters.put("separatorChar", ",");
          parameters.put("quoteChar", "\"");
        } else {
          parameters.put("field.delim", ",");
        }
      }
      case AVRO ->
          parameters.put(
              "avro.schema.literal", AvroSchemas.toAvro(shape.columns(), "record").toString());
    }
    return SerDeInfo.builder()
        .serializationLibrary(
            shape.format() == CrawlFormat.CSV && shape.quoted()
                ? OPEN_CSV_SERDE
                : shape.format().serializationLibrary())
        .parameters(parameters)
        .build();
  }

  static List<Column> columns(StructType schema) {
    List<Column> columns = new ArrayList<>(schema.size());
    for (HiveTypes.Column column : HiveTypes.columns(schema)) {
      columns.add(Column.builder().name(column.name()).type(column.type()).build());
    }
    return columns;
  }
}
