package io.driftway.streamjobs.spec;

import io.driftway.connectors.tracking.SettleBound;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where tables, catalog and checkpoints live. */
public final class StorageSpec {

  private StorageSpec() {}

  /**
   * The warehouse: {@code s3://bucket/prefix} (Iceberg S3FileIO) or a local folder. For S3, an
   * endpoint, region, path-style access and static credentials may be given; otherwise the AWS
   * default credential chain applies.
   */
  public record Warehouse(
      String location,
      Optional<URI> s3Endpoint,
      Optional<String> s3Region,
      boolean s3PathStyle,
      Optional<String> accessKeyId,
      Optional<String> secretAccessKey) {

    public boolean isS3() {
      return location.startsWith("s3://") || location.startsWith("s3a://");
    }
  }

  /** The catalog kinds a pipeline can use. */
  public enum CatalogType {
    GLUE("glue"),
    JDBC("jdbc"),
    HADOOP("hadoop");

    private final String spelling;

    CatalogType(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }

  /**
   * The catalog: {@code glue} (AWS Glue, or any Glue-compatible endpoint such as Driftway's catalog
   * bridge when {@code endpoint} is set), {@code jdbc} (Iceberg's JDBC catalog), or {@code hadoop}
   * (metadata files in the warehouse folder, for local use). For {@code glue} with an endpoint,
   * {@code accessKeyId}/{@code secretAccessKey} sign the Glue calls (any key works against a bridge
   * running with {@code auth: none}).
   */
  public record Catalog(
      CatalogType type,
      Optional<URI> endpoint,
      Optional<String> region,
      Optional<String> uri,
      Optional<String> user,
      Optional<String> password,
      Optional<String> accessKeyId,
      Optional<String> secretAccessKey) {

    /** Where {@code driftway catalog serve} listens by default. */
    public static final URI DEFAULT_BRIDGE = URI.create("http://127.0.0.1:9047");

    /** Without a {@code catalog} section: Driftway's catalog bridge on this machine. */
    public static Catalog defaultBridge() {
      return new Catalog(
          CatalogType.GLUE,
          Optional.of(DEFAULT_BRIDGE),
          Optional.of("us-east-1"),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
  }

  /**
   * Checkpointing: one Iceberg commit per checkpoint. The default interval is {@link
   * PipelineKeys#CHECKPOINT_INTERVAL}'s; {@code settle} bounds what the tracker holds for a schema
   * settle between two barriers.
   */
  public record Checkpointing(Duration interval, Optional<String> storage, SettleBound settle) {}
}
