package io.driftway.catalogbridge.sync;

import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * What a Glue entity looks like as input to another catalog: the fields a caller sets, without the
 * ones a catalog computes (times, version, creator, catalog id). Two entities with equal inputs
 * need no copy.
 */
final class SdkShapes {

  private SdkShapes() {}

  static DatabaseInput input(Database database) {
    return DatabaseInput.builder()
        .name(database.name())
        .description(database.description())
        .locationUri(database.locationUri())
        .parameters(database.parameters())
        .targetDatabase(database.targetDatabase())
        .build();
  }

  static TableInput input(Table table) {
    return TableInput.builder()
        .name(table.name())
        .description(table.description())
        .owner(table.owner())
        .lastAccessTime(table.lastAccessTime())
        .lastAnalyzedTime(table.lastAnalyzedTime())
        .retention(table.retention())
        .storageDescriptor(table.storageDescriptor())
        .partitionKeys(table.partitionKeys())
        .viewOriginalText(table.viewOriginalText())
        .viewExpandedText(table.viewExpandedText())
        .tableType(table.tableType())
        .parameters(table.parameters())
        .targetTable(table.targetTable())
        .build();
  }

  static PartitionInput input(Partition partition) {
    return PartitionInput.builder()
        .values(partition.values())
        .lastAccessTime(partition.lastAccessTime())
        .storageDescriptor(partition.storageDescriptor())
        .parameters(partition.parameters())
        .lastAnalyzedTime(partition.lastAnalyzedTime())
        .build();
  }
}
