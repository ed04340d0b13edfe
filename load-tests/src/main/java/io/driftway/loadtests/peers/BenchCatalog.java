package io.driftway.loadtests.peers;

import io.driftway.connectors.iceberg.IcebergCatalogs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * The one catalog every peer writes to, described so that each can be configured with it: the
 * bench's own loaders, Driftway's pipeline spec, the static job's {@link CatalogLoader}, the Kafka
 * Connect sink's {@code iceberg.catalog.*} settings. Either Iceberg's JDBC catalog (on PostgreSQL)
 * or a Hadoop catalog, over one warehouse folder.
 *
 * <p>A JDBC catalog keys its tables by catalog name, and Driftway names its catalog after the
 * pipeline ({@code driftway-bench-<table>}): every peer and the bench use that name for a table.
 *
 * @param jdbcUrl the JDBC URL, or null for a Hadoop catalog
 */
public record BenchCatalog(Path warehouse, String jdbcUrl, String user, String password) {

  public static BenchCatalog hadoop(Path warehouse) {
    return new BenchCatalog(warehouse, null, null, null);
  }

  public static BenchCatalog jdbc(Path warehouse, String jdbcUrl, String user, String password) {
    return new BenchCatalog(warehouse, jdbcUrl, user, password);
  }

  public boolean isJdbc() {
    return jdbcUrl != null;
  }

  /** {@code jdbc (PostgreSQL)} or {@code hadoop}, for reports. */
  public String kind() {
    return isJdbc() ? "JDBC (PostgreSQL)" : "Hadoop";
  }

  /** The catalog name every peer uses for {@code table}: Driftway's for its pipeline. */
  public static String name(String table) {
    return "driftway-bench-" + table;
  }

  public CatalogLoader loader(String table) {
    IcebergCatalogs.Builder builder =
        IcebergCatalogs.builder(name(table)).warehouse(warehouse.toString());
    return isJdbc()
        ? builder.jdbc(jdbcUrl, Optional.of(user), Optional.of(password)).build()
        : builder.hadoop().build();
  }

  /** The {@code catalog:} block of a pipeline spec, indented by two spaces. */
  public String specYaml() {
    return isJdbc()
        ? "  type: jdbc\n  uri: %s\n  user: %s\n  password: %s\n".formatted(jdbcUrl, user, password)
        : "  type: hadoop\n";
  }

  /** The Kafka Connect sink's {@code iceberg.catalog*} settings for {@code table}. */
  public Map<String, String> kafkaConnect(String table) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("iceberg.catalog", name(table));
    if (isJdbc()) {
      settings.put("iceberg.catalog.catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
      settings.put("iceberg.catalog.uri", jdbcUrl);
      settings.put("iceberg.catalog.jdbc.user", user);
      settings.put("iceberg.catalog.jdbc.password", password);
    } else {
      settings.put("iceberg.catalog.type", "hadoop");
    }
    settings.put("iceberg.catalog.warehouse", warehouse.toString());
    return settings;
  }

  /** As command-line arguments for a child JVM; {@link #fromArgs} reads them back. */
  public List<String> args() {
    return isJdbc()
        ? List.of(warehouse.toString(), jdbcUrl, user, password)
        : List.of(warehouse.toString(), "-", "-", "-");
  }

  public static BenchCatalog fromArgs(List<String> args) {
    Path warehouse = Path.of(args.get(0));
    return args.get(1).equals("-")
        ? hadoop(warehouse)
        : jdbc(warehouse, args.get(1), args.get(2), args.get(3));
  }
}
