package io.driftway.connectors.iceberg;

import io.driftway.platform.aws.AwsSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Builds the {@link CatalogLoader} a pipeline writes through: AWS Glue or any Glue-compatible
 * endpoint (Driftway's catalog bridge), Iceberg's JDBC catalog, or a Hadoop catalog in a local
 * folder. The warehouse is S3 (Iceberg {@code S3FileIO}) or a local folder.
 *
 * <pre>{@code
 * CatalogLoader loader =
 *     IcebergCatalogs.builder("orders")
 *         .warehouse("s3://lake/warehouse")
 *         .s3(Optional.of(URI.create("http://127.0.0.1:9000")), Optional.of("us-east-1"), true)
 *         .credentials("key", "secret")
 *         .glue(Optional.of(URI.create("http://127.0.0.1:4599")), Optional.of("us-east-1"))
 *         .build();
 * }</pre>
 */
public final class IcebergCatalogs {

  private IcebergCatalogs() {}

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Collects the catalog settings; {@link #build()} checks they fit together. */
  public static final class Builder {
    private final String name;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String warehouse;
    private String type;
    private boolean s3Configured;

    private Builder(String name) {
      this.name = name;
    }

    /** {@code s3://bucket/prefix} or a local folder. */
    public Builder warehouse(String location) {
      this.warehouse = location;
      return this;
    }

    /** S3 endpoint override (S3Proxy, MinIO), region, and path-style access. */
    public Builder s3(Optional<URI> endpoint, Optional<String> region, boolean pathStyle) {
      s3Configured = true;
      endpoint.ifPresent(e -> properties.put("s3.endpoint", e.toString()));
      region.ifPresent(r -> properties.put("client.region", r));
      if (pathStyle) {
        properties.put("s3.path-style-access", "true");
      }
      return this;
    }

    /** Static credentials for S3 and Glue; without them the AWS default chain applies. */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      properties.put("s3.access-key-id", accessKeyId);
      properties.put("s3.secret-access-key", secretAccessKey);
      properties.put("client.credentials-provider", StaticAwsCredentials.class.getName());
      properties.put(
          "client.credentials-provider." + StaticAwsCredentials.ACCESS_KEY_ID, accessKeyId);
      properties.put(
          "client.credentials-provider." + StaticAwsCredentials.SECRET_ACCESS_KEY, secretAccessKey);
      return this;
    }

    /** AWS Glue, or a Glue-compatible endpoint such as the catalog bridge. */
    public Builder glue(Optional<URI> endpoint, Optional<String> region) {
      type = "glue";
      properties.put(CatalogProperties.CATALOG_IMPL, "org.apache.iceberg.aws.glue.GlueCatalog");
      endpoint.ifPresent(e -> properties.put("glue.endpoint", e.toString()));
      region.ifPresent(r -> properties.put("client.region", r));
      return this;
    }

    /** Iceberg's JDBC catalog (PostgreSQL in production). */
    public Builder jdbc(String uri, Optional<String> user, Optional<String> password) {
      type = "jdbc";
      properties.put(CatalogProperties.CATALOG_IMPL, "org.apache.iceberg.jdbc.JdbcCatalog");
      properties.put(CatalogProperties.URI, uri);
      user.ifPresent(u -> properties.put("jdbc.user", u));
      password.ifPresent(p -> properties.put("jdbc.password", p));
      return this;
    }

    /** Metadata files in the warehouse folder; for local use. */
    public Builder hadoop() {
      type = "hadoop";
      return this;
    }

    /** Any other catalog property, passed through. */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    public CatalogLoader build() {
      Map<String, String> props = catalogProperties();
      if (type.equals("hadoop")) {
        return CatalogLoader.hadoop(name, new Configuration(), props);
      }
      return CatalogLoader.custom(
          name, props, new Configuration(), props.get(CatalogProperties.CATALOG_IMPL));
    }

    /**
     * The catalog properties {@link #build()} hands to Iceberg, warehouse and {@code io-impl}
     * included: what a job needs to open the warehouse's {@code FileIO} on its own (bookmark logs).
     */
    public Map<String, String> catalogProperties() {
      if (type == null) {
        throw new IllegalStateException("Cannot build catalog: no catalog type chosen: " + name);
      }
      if (warehouse == null) {
        throw new IllegalStateException("Cannot build catalog: no warehouse location: " + name);
      }
      boolean s3 = warehouse.startsWith("s3://") || warehouse.startsWith("s3a://");
      if (s3Configured && !s3) {
        throw new IllegalStateException(
            "Cannot build catalog: S3 settings given for a non-S3 warehouse: " + warehouse);
      }
      Map<String, String> props = new LinkedHashMap<>(properties);
      String location = s3 ? warehouse : localLocation(warehouse);
      props.put(CatalogProperties.WAREHOUSE_LOCATION, location);
      // Apache's HTTP client for Iceberg's AWS clients: it checks a pooled connection before reuse.
      // The JDK client reused connections the S3 server had closed while idle, and its
      // 100-continue path then failed an upload with an error the SDK does not retry.
      props.putIfAbsent("http-client.type", "apache");
      // The platform's timeouts, as Iceberg's own clients take them: the same as every other
      // Driftway AWS client (AwsClients) unless a property says otherwise.
      props.putIfAbsent(
          "http-client.apache.connection-timeout-ms",
          Long.toString(AwsSettings.DEFAULT_CONNECT_TIMEOUT.toMillis()));
      props.putIfAbsent(
          "http-client.apache.socket-timeout-ms",
          Long.toString(AwsSettings.DEFAULT_READ_TIMEOUT.toMillis()));
      props.put(
          CatalogProperties.FILE_IO_IMPL,
          s3 ? "org.apache.iceberg.aws.s3.S3FileIO" : "org.apache.iceberg.hadoop.HadoopFileIO");
      if (type.equals("hadoop")) {
        if (s3) {
          throw new IllegalStateException(
              "Cannot build catalog: a hadoop catalog needs a local warehouse, use glue or jdbc for S3: "
                  + warehouse);
        }
      }
      return props;
    }

    /**
     * A local warehouse as a {@code file:} URI: a plain path is resolved against the working
     * folder, a {@code file:} URI is taken as it is (read as a path, it would become a folder named
     * {@code file:} in the working folder).
     */
    private static String localLocation(String warehouse) {
      Path path;
      if (warehouse.startsWith("file:")) {
        try {
          path = Path.of(URI.create(warehouse));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(
              "Cannot build catalog: a file: warehouse must be an absolute file URI such as"
                  + " file:///data/lake: "
                  + warehouse,
              e);
        }
      } else {
        path = Path.of(warehouse);
      }
      return path.toAbsolutePath().normalize().toUri().toString();
    }
  }
}
