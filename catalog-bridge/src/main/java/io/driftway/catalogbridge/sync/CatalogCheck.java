package io.driftway.catalogbridge.sync;

import io.driftway.catalogbridge.iceberg.IcebergColumns;
import io.driftway.catalogbridge.iceberg.IcebergMetadata;
import io.driftway.catalogbridge.model.Column;
import io.driftway.catalogbridge.storage.Presence;
import io.driftway.catalogbridge.storage.WarehouseFiles;
import io.driftway.catalogbridge.sync.Divergence.Kind;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.TableMetadata;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Reconciles a Glue catalog (a bridge or AWS Glue) with the files behind it: Iceberg tables whose
 * metadata file is gone (orphaned metadata) or whose Glue columns differ from the Iceberg schema,
 * tables and partitions whose location is empty or gone.
 *
 * <pre>{@code
 * CheckReport report = CatalogCheck.run(glue, files, List.of("sales"), true);
 * report.divergences().forEach(d -> System.out.println(d.describe()));
 * System.exit(report.exitCode());
 * }</pre>
 */
public final class CatalogCheck {

  private final GlueClient glue;
  private final WarehouseFiles files;
  private final boolean checkPartitions;
  private final CheckReport report = new CheckReport();

  private CatalogCheck(GlueClient glue, WarehouseFiles files, boolean checkPartitions) {
    this.glue = glue;
    this.files = files;
    this.checkPartitions = checkPartitions;
  }

  /**
   * Checks {@code databases} (all when empty).
   *
   * @param checkPartitions also check every partition location of non-Iceberg tables
   */
  public static CheckReport run(
      GlueClient glue, WarehouseFiles files, List<String> databases, boolean checkPartitions) {
    CatalogCheck check = new CatalogCheck(glue, files, checkPartitions);
    Set<String> wanted = new HashSet<>();
    databases.forEach(db -> wanted.add(db.toLowerCase(Locale.ROOT)));
    List<String> names = new ArrayList<>();
    glue.getDatabasesPaginator(r -> r.maxResults(100)).stream()
        .flatMap(page -> page.databaseList().stream())
        .map(Database::name)
        .filter(name -> wanted.isEmpty() || wanted.contains(name))
        .forEach(names::add);
    for (String database : names) {
      glue.getTablesPaginator(r -> r.databaseName(database).maxResults(100)).stream()
          .flatMap(page -> page.tableList().stream())
          .forEach(check::checkTable);
    }
    return check.report;
  }

  private void checkTable(Table table) {
    report.countTable();
    String type = table.parameters().get("table_type");
    if ("ICEBERG".equalsIgnoreCase(type)) {
      checkIceberg(table);
      return;
    }
    if ("VIRTUAL_VIEW".equalsIgnoreCase(table.tableType())) {
      return;
    }
    String location =
        table.storageDescriptor() == null ? null : table.storageDescriptor().location();
    if (location != null && !location.isEmpty()) {
      Presence presence = files.prefixExists(location);
      if (presence == Presence.ABSENT) {
        report.add(
            new Divergence(
                Kind.LOCATION_MISSING,
                table.databaseName(),
                table.name(),
                List.of(),
                location,
                "the table location holds no files"));
      } else if (presence == Presence.UNKNOWN) {
        report.unchecked(table.databaseName() + "." + table.name() + ": cannot reach " + location);
      }
    }
    if (checkPartitions && !table.partitionKeys().isEmpty()) {
      glue
          .getPartitionsPaginator(
              r ->
                  r.databaseName(table.databaseName())
                      .tableName(table.name())
                      .excludeColumnSchema(true)
                      .maxResults(1000))
          .stream()
          .flatMap(page -> page.partitions().stream())
          .forEach(this::checkPartition);
    }
  }

  private void checkPartition(Partition partition) {
    report.countPartition();
    String location =
        partition.storageDescriptor() == null ? null : partition.storageDescriptor().location();
    if (location == null || location.isEmpty()) {
      return;
    }
    Presence presence = files.prefixExists(location);
    if (presence == Presence.ABSENT) {
      report.add(
          new Divergence(
              Kind.PARTITION_LOCATION_MISSING,
              partition.databaseName(),
              partition.tableName(),
              partition.values(),
              location,
              "the partition prefix holds no files"));
    } else if (presence == Presence.UNKNOWN) {
      report.unchecked(
          partition.databaseName()
              + "."
              + partition.tableName()
              + " "
              + partition.values()
              + ": cannot reach "
              + location);
    }
  }

  private void checkIceberg(Table table) {
    String metadataLocation = table.parameters().get("metadata_location");
    if (metadataLocation == null || metadataLocation.isEmpty()) {
      report.add(
          new Divergence(
              Kind.ORPHANED_METADATA,
              table.databaseName(),
              table.name(),
              List.of(),
              null,
              "an Iceberg table without a metadata_location parameter"));
      return;
    }
    Optional<TableMetadata> metadata;
    try {
      metadata = IcebergMetadata.read(files, metadataLocation);
    } catch (UncheckedIOException e) {
      report.unchecked(
          table.databaseName()
              + "."
              + table.name()
              + ": cannot read "
              + metadataLocation
              + ": "
              + e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      report.add(
          new Divergence(
              Kind.METADATA_UNREADABLE,
              table.databaseName(),
              table.name(),
              List.of(),
              metadataLocation,
              "not Iceberg table metadata (" + e.getMessage() + ")"));
      return;
    }
    if (metadata.isEmpty()) {
      report.add(
          new Divergence(
              Kind.ORPHANED_METADATA,
              table.databaseName(),
              table.name(),
              List.of(),
              metadataLocation,
              "metadata_location names a file that does not exist"));
      return;
    }
    List<String> glueColumns = new ArrayList<>();
    if (table.storageDescriptor() != null) {
      table.storageDescriptor().columns().forEach(c -> glueColumns.add(c.name() + " " + c.type()));
    }
    List<Column> icebergColumns = IcebergColumns.of(metadata.get().schema());
    List<String> expected = IcebergColumns.signature(icebergColumns);
    if (!glueColumns.equals(expected)) {
      report.add(
          new Divergence(
              Kind.COLUMNS_DRIFT,
              table.databaseName(),
              table.name(),
              List.of(),
              metadataLocation,
              "Glue columns " + glueColumns + " but the Iceberg schema has " + expected));
    }
  }
}
