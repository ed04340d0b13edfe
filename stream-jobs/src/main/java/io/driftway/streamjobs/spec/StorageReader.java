package io.driftway.streamjobs.spec;

import static io.driftway.streamjobs.spec.PipelineKeys.CATALOG_ACCESS_KEY_ID;
import static io.driftway.streamjobs.spec.PipelineKeys.CATALOG_ENDPOINT;
import static io.driftway.streamjobs.spec.PipelineKeys.CATALOG_PASSWORD;
import static io.driftway.streamjobs.spec.PipelineKeys.CATALOG_REGION;
import static io.driftway.streamjobs.spec.PipelineKeys.CATALOG_SECRET_ACCESS_KEY;
import static io.driftway.streamjobs.spec.PipelineKeys.CATALOG_TYPE;
import static io.driftway.streamjobs.spec.PipelineKeys.CATALOG_URI;
import static io.driftway.streamjobs.spec.PipelineKeys.CATALOG_USER;
import static io.driftway.streamjobs.spec.PipelineKeys.CHECKPOINT_INTERVAL;
import static io.driftway.streamjobs.spec.PipelineKeys.CHECKPOINT_STORAGE;
import static io.driftway.streamjobs.spec.PipelineKeys.SETTLE_MAX_HELD;
import static io.driftway.streamjobs.spec.PipelineKeys.SETTLE_MAX_HELD_BYTES;
import static io.driftway.streamjobs.spec.PipelineKeys.WAREHOUSE_ACCESS_KEY_ID;
import static io.driftway.streamjobs.spec.PipelineKeys.WAREHOUSE_LOCATION;
import static io.driftway.streamjobs.spec.PipelineKeys.WAREHOUSE_S3_ENDPOINT;
import static io.driftway.streamjobs.spec.PipelineKeys.WAREHOUSE_S3_PATH_STYLE;
import static io.driftway.streamjobs.spec.PipelineKeys.WAREHOUSE_S3_REGION;
import static io.driftway.streamjobs.spec.PipelineKeys.WAREHOUSE_SECRET_ACCESS_KEY;

import io.driftway.connectors.tracking.SettleBound;
import io.driftway.streamjobs.spec.YamlNode.YamlObject;
import java.util.List;

/** Reads the {@code warehouse}, {@code catalog} and {@code checkpointing} sections. */
final class StorageReader {

  private StorageReader() {}

  static StorageSpec.Warehouse warehouse(YamlNode node) {
    YamlObject warehouse = node.section();
    String location = warehouse.required(WAREHOUSE_LOCATION).nonEmpty();
    boolean s3 = location.startsWith("s3://") || location.startsWith("s3a://");
    for (PipelineKey<?> key :
        List.of(WAREHOUSE_S3_ENDPOINT, WAREHOUSE_S3_REGION, WAREHOUSE_S3_PATH_STYLE)) {
      if (!s3 && warehouse.has(key.name())) {
        throw warehouse
            .required(key)
            .error("'" + key.name() + "' applies only to an s3:// location");
      }
    }
    return new StorageSpec.Warehouse(
        location,
        warehouse.optional(WAREHOUSE_S3_ENDPOINT).map(YamlNode::uri),
        warehouse.optional(WAREHOUSE_S3_REGION).map(YamlNode::nonEmpty),
        warehouse
            .optional(WAREHOUSE_S3_PATH_STYLE)
            .map(YamlNode::bool)
            .orElse(WAREHOUSE_S3_PATH_STYLE.defaultValue().orElseThrow()),
        warehouse.optional(WAREHOUSE_ACCESS_KEY_ID).map(YamlNode::nonEmpty),
        warehouse.optional(WAREHOUSE_SECRET_ACCESS_KEY).map(YamlNode::scalar));
  }

  static StorageSpec.Catalog catalog(YamlNode node) {
    YamlObject catalog = node.section();
    StorageSpec.CatalogType type =
        catalog
            .required(CATALOG_TYPE)
            .enumValue(StorageSpec.CatalogType.class, StorageSpec.CatalogType::spelling);
    if (type == StorageSpec.CatalogType.JDBC && !catalog.has(CATALOG_URI.name())) {
      throw node.error("catalog type jdbc needs 'uri' (a JDBC URL)");
    }
    return new StorageSpec.Catalog(
        type,
        catalog.optional(CATALOG_ENDPOINT).map(YamlNode::uri),
        catalog.optional(CATALOG_REGION).map(YamlNode::nonEmpty),
        catalog.optional(CATALOG_URI).map(YamlNode::nonEmpty),
        catalog.optional(CATALOG_USER).map(YamlNode::nonEmpty),
        catalog.optional(CATALOG_PASSWORD).map(YamlNode::scalar),
        catalog.optional(CATALOG_ACCESS_KEY_ID).map(YamlNode::nonEmpty),
        catalog.optional(CATALOG_SECRET_ACCESS_KEY).map(YamlNode::scalar));
  }

  static StorageSpec.Checkpointing checkpointing(YamlNode node) {
    YamlObject checkpointing = node.section();
    return new StorageSpec.Checkpointing(
        checkpointing
            .optional(CHECKPOINT_INTERVAL)
            .map(YamlNode::duration)
            .orElse(CHECKPOINT_INTERVAL.defaultValue().orElseThrow()),
        checkpointing.optional(CHECKPOINT_STORAGE).map(YamlNode::nonEmpty),
        new SettleBound(
            checkpointing
                .optional(SETTLE_MAX_HELD)
                .map(YamlNode::positiveInt)
                .orElse(SettleBound.DEFAULT_MAX_RECORDS),
            checkpointing
                .optional(SETTLE_MAX_HELD_BYTES)
                .map(StorageReader::positiveSize)
                .orElse(SettleBound.DEFAULT_MAX_BYTES)));
  }

  private static long positiveSize(YamlNode node) {
    long bytes = node.dataSize().bytes();
    if (bytes < 1) {
      throw node.error("expected a data size of at least 1 byte, found '" + node.scalar() + "'");
    }
    return bytes;
  }

  /** Checkpointing without a {@code checkpointing} section. */
  static StorageSpec.Checkpointing defaultCheckpointing() {
    return new StorageSpec.Checkpointing(
        CHECKPOINT_INTERVAL.defaultValue().orElseThrow(),
        java.util.Optional.empty(),
        SettleBound.DEFAULTS);
  }
}
