package io.driftway.streamjobs.graph;

import io.driftway.catalogbridge.iceberg.GlueCatalogProperties;
import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.StorageSpec;
import java.util.Map;
import org.apache.iceberg.flink.CatalogLoader;

/** The Iceberg catalog a pipeline spec asks for. */
public final class Catalogs {

  private Catalogs() {}

  /** A loader for the spec's catalog over the spec's warehouse; it travels with the job. */
  public static CatalogLoader loader(PipelineSpec spec) {
    return builder(spec).build();
  }

  /**
   * The spec's catalog properties as Iceberg gets them, warehouse and {@code io-impl} included:
   * enough to open the warehouse's {@code FileIO} without the catalog.
   */
  public static Map<String, String> properties(PipelineSpec spec) {
    return builder(spec).catalogProperties();
  }

  private static IcebergCatalogs.Builder builder(PipelineSpec spec) {
    StorageSpec.Warehouse warehouse = spec.warehouse();
    StorageSpec.Catalog catalog = spec.catalog();
    IcebergCatalogs.Builder builder =
        IcebergCatalogs.builder("driftway-" + spec.name()).warehouse(warehouse.location());
    if (warehouse.isS3()) {
      builder.s3(warehouse.s3Endpoint(), warehouse.s3Region(), warehouse.s3PathStyle());
    }
    if (warehouse.accessKeyId().isPresent() && warehouse.secretAccessKey().isPresent()) {
      builder.credentials(warehouse.accessKeyId().get(), warehouse.secretAccessKey().get());
    }
    switch (catalog.type()) {
      case GLUE -> {
        builder.glue(catalog.endpoint(), catalog.region());
        if (catalog.endpoint().isPresent()) {
          // A Glue-compatible endpoint (the catalog bridge): sign Glue calls with the catalog's
          // key, while S3 keeps the warehouse's own credentials.
          GlueCatalogProperties.forBridge(
                  catalog.endpoint().get(),
                  catalog.region().orElse("us-east-1"),
                  catalog.accessKeyId().orElse("driftway"),
                  catalog.secretAccessKey().orElse("driftway"),
                  warehouse.location())
              .forEach(builder::property);
        }
      }
      case JDBC -> builder.jdbc(catalog.uri().orElseThrow(), catalog.user(), catalog.password());
      case HADOOP -> builder.hadoop();
    }
    return builder;
  }
}
