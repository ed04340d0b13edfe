package io.driftway.catalogbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.TestBridges;
import io.driftway.catalogbridge.storage.WarehouseFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Check against a catalog that, like AWS Glue, does not sync columns itself, over a warehouse in a
 * local folder from which files are then removed.
 */
class CatalogCheckIT {

  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(
              2, "tags", Types.ListType.ofOptional(3, Types.StringType.get())));

  @Test
  void reportsOrphanedMetadataColumnDriftAndMissingLocations(@TempDir Path dir) throws Exception {
    Path warehouse = Files.createDirectories(dir.resolve("warehouse"));
    try (CatalogBridge bridge =
            CatalogBridge.start(
                TestBridges.config(dir.resolve("bridge"))
                    .set(BridgeOptions.ICEBERG_SYNC_COLUMNS, false)
                    .build());
        GlueClient glue = TestBridges.admin(bridge);
        WarehouseFiles files = WarehouseFiles.create(null)) {
      String db = TestBridges.name("check");
      glue.createDatabase(r -> r.databaseInput(DatabaseInput.builder().name(db).build()));

      // An Iceberg table whose Glue columns are stale, one whose metadata file is gone, one fine.
      String drifted = icebergMetadata(warehouse.resolve("drifted"));
      iceberg(glue, db, "drifted", drifted, List.of("id bigint"));
      String orphaned = icebergMetadata(warehouse.resolve("orphaned"));
      iceberg(glue, db, "orphaned", orphaned, List.of("id bigint", "tags array<string>"));
      Files.delete(Path.of(orphaned.substring("file:".length())));
      String healthy = icebergMetadata(warehouse.resolve("healthy"));
      iceberg(glue, db, "healthy", healthy, List.of("id bigint", "tags array<string>"));

      // A Hive-style table with three partitions; one partition folder and one table go away.
      Path sales = Files.createDirectories(warehouse.resolve("sales"));
      glue.createTable(
          r ->
              r.databaseName(db)
                  .tableInput(
                      TableInput.builder()
                          .name("sales")
                          .partitionKeys(Column.builder().name("day").type("date").build())
                          .storageDescriptor(
                              StorageDescriptor.builder()
                                  .location(sales.toUri().toString())
                                  .build())
                          .build()));
      for (String day : List.of("2024-03-01", "2024-03-02", "2024-03-03")) {
        Path folder = Files.createDirectories(sales.resolve("day=" + day));
        Files.writeString(folder.resolve("part-0.parquet"), "rows");
        glue.createPartition(
            r ->
                r.databaseName(db)
                    .tableName("sales")
                    .partitionInput(
                        PartitionInput.builder()
                            .values(day)
                            .storageDescriptor(
                                StorageDescriptor.builder().location(folder.toString()).build())
                            .build()));
      }
      Path gone = sales.resolve("day=2024-03-02");
      Files.delete(gone.resolve("part-0.parquet"));
      Files.delete(gone);
      glue.createTable(
          r ->
              r.databaseName(db)
                  .tableInput(
                      TableInput.builder()
                          .name("dropped_files")
                          .storageDescriptor(
                              StorageDescriptor.builder()
                                  .location(warehouse.resolve("nothing-here").toString())
                                  .build())
                          .build()));

      CheckReport report = CatalogCheck.run(glue, files, List.of(db), true);

      assertThat(report.divergences())
          .extracting(Divergence::describe)
          .containsExactlyInAnyOrder(
              "COLUMNS_DRIFT "
                  + db
                  + ".drifted: Glue columns [id bigint] but the Iceberg schema has [id bigint,"
                  + " tags array<string>]: "
                  + drifted,
              "ORPHANED_METADATA "
                  + db
                  + ".orphaned: metadata_location names a file that does not exist: "
                  + orphaned,
              "PARTITION_LOCATION_MISSING "
                  + db
                  + ".sales [2024-03-02]: the partition prefix holds no files: "
                  + gone,
              "LOCATION_MISSING "
                  + db
                  + ".dropped_files: the table location holds no files: "
                  + warehouse.resolve("nothing-here"));
      assertThat(report.tablesChecked()).isEqualTo(5);
      assertThat(report.partitionsChecked()).isEqualTo(3);
      assertThat(report.unchecked()).isEmpty();
      assertThat(report.exitCode()).isEqualTo(CheckReport.DIVERGED);

      CheckReport clean = CatalogCheck.run(glue, files, List.of(db), false);
      assertThat(clean.divergences()).hasSize(3);
    }
  }

  @Test
  void aConsistentCatalogExitsZero(@TempDir Path dir) throws Exception {
    try (CatalogBridge bridge = TestBridges.start(dir.resolve("bridge"));
        GlueClient glue = TestBridges.admin(bridge);
        WarehouseFiles files = WarehouseFiles.create(null)) {
      String db = TestBridges.name("fine");
      glue.createDatabase(r -> r.databaseInput(DatabaseInput.builder().name(db).build()));
      String metadata = icebergMetadata(dir.resolve("warehouse/events"));
      // The bridge syncs columns: the stale ones sent here are replaced with the schema's.
      iceberg(glue, db, "events", metadata, List.of("id bigint"));

      CheckReport report = CatalogCheck.run(glue, files, List.of(db), true);

      assertThat(report.divergences()).isEmpty();
      assertThat(report.exitCode()).isEqualTo(CheckReport.CONSISTENT);
    }
  }

  /** Writes a version-1 metadata file for a new table at {@code location}; returns its URI. */
  static String icebergMetadata(Path location) throws Exception {
    Files.createDirectories(location.resolve("metadata"));
    TableMetadata metadata =
        TableMetadata.newTableMetadata(
            SCHEMA,
            PartitionSpec.unpartitioned(),
            SortOrder.unsorted(),
            location.toUri().toString(),
            Map.of());
    Path file = location.resolve("metadata/00000-first.metadata.json");
    Files.writeString(file, TableMetadataParser.toJson(metadata), StandardCharsets.UTF_8);
    return "file:" + file;
  }

  static void iceberg(
      GlueClient glue, String db, String name, String metadata, List<String> columns) {
    glue.createTable(
        r ->
            r.databaseName(db)
                .tableInput(
                    TableInput.builder()
                        .name(name)
                        .tableType("EXTERNAL_TABLE")
                        .parameters(Map.of("table_type", "ICEBERG", "metadata_location", metadata))
                        .storageDescriptor(
                            StorageDescriptor.builder()
                                .columns(
                                    columns.stream()
                                        .map(
                                            c ->
                                                Column.builder()
                                                    .name(c.split(" ", 2)[0])
                                                    .type(c.split(" ", 2)[1])
                                                    .build())
                                        .toList())
                                .build())
                        .build()));
  }
}
