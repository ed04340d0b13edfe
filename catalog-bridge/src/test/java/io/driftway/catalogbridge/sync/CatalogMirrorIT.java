package io.driftway.catalogbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.TestBridges;
import io.driftway.catalogbridge.sync.MirrorReport.Action;
import io.driftway.catalogbridge.sync.MirrorReport.Entity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/** Mirror from one bridge to another, as it would to AWS Glue: full, then incremental. */
class CatalogMirrorIT {

  @Test
  void copiesEverythingThenOnlyWhatChanged(@TempDir Path dir) {
    try (CatalogBridge from = TestBridges.start(dir.resolve("from"));
        CatalogBridge to = TestBridges.start(dir.resolve("to"));
        GlueClient source = TestBridges.admin(from);
        GlueClient target = TestBridges.admin(to)) {
      String db = TestBridges.name("mirror");
      source.createDatabase(
          r -> r.databaseInput(DatabaseInput.builder().name(db).description("sales").build()));
      source.createTable(r -> r.databaseName(db).tableInput(table("orders", "v1")));
      source.createTable(r -> r.databaseName(db).tableInput(table("returns", "v1")));
      source.batchCreatePartition(
          r -> r.databaseName(db).tableName("orders").partitionInputList(partitions(0, 100)));
      source.batchCreatePartition(
          r -> r.databaseName(db).tableName("orders").partitionInputList(partitions(100, 150)));

      MirrorOptions options = new MirrorOptions(List.of(db), true, false, null);
      MirrorReport first = CatalogMirror.run(source, target, options);

      assertThat(first.count(Entity.DATABASE, Action.CREATED)).isEqualTo(1);
      assertThat(first.count(Entity.TABLE, Action.CREATED)).isEqualTo(2);
      assertThat(first.count(Entity.PARTITION, Action.CREATED)).isEqualTo(150);
      assertThat(first.hasFailures()).isFalse();
      assertThat(target.getTable(r -> r.databaseName(db).name("orders")).table().description())
          .isEqualTo("v1");
      assertThat(partitionCount(target, db)).isEqualTo(150);

      MirrorReport unchanged = CatalogMirror.run(source, target, options);
      assertThat(unchanged.changes()).isEmpty();
      assertThat(unchanged.count(Entity.TABLE, Action.UNCHANGED)).isEqualTo(2);
      assertThat(unchanged.count(Entity.PARTITION, Action.UNCHANGED)).isEqualTo(150);

      source.updateTable(r -> r.databaseName(db).tableInput(table("orders", "v2")));
      source.deleteTable(r -> r.databaseName(db).name("returns"));
      source.batchCreatePartition(
          r -> r.databaseName(db).tableName("orders").partitionInputList(partitions(150, 160)));
      source.updatePartition(
          r ->
              r.databaseName(db)
                  .tableName("orders")
                  .partitionValueList("2024", "0")
                  .partitionInput(
                      partitions(0, 1).get(0).toBuilder().parameters(Map.of("rows", "7")).build()));
      source.deletePartition(
          r -> r.databaseName(db).tableName("orders").partitionValues("2024", "1"));

      MirrorReport incremental = CatalogMirror.run(source, target, options);

      assertThat(incremental.changes())
          .extracting(c -> c.entity() + " " + c.action() + " " + c.name())
          .containsExactlyInAnyOrder(
              "TABLE UPDATED " + db + ".orders",
              "TABLE DELETED " + db + ".returns",
              "PARTITION UPDATED " + db + ".orders [2024, 0]",
              "PARTITION DELETED " + db + ".orders [2024, 1]",
              "PARTITION CREATED " + db + ".orders [2024, 150]",
              "PARTITION CREATED " + db + ".orders [2024, 151]",
              "PARTITION CREATED " + db + ".orders [2024, 152]",
              "PARTITION CREATED " + db + ".orders [2024, 153]",
              "PARTITION CREATED " + db + ".orders [2024, 154]",
              "PARTITION CREATED " + db + ".orders [2024, 155]",
              "PARTITION CREATED " + db + ".orders [2024, 156]",
              "PARTITION CREATED " + db + ".orders [2024, 157]",
              "PARTITION CREATED " + db + ".orders [2024, 158]",
              "PARTITION CREATED " + db + ".orders [2024, 159]");
      assertThat(target.getTable(r -> r.databaseName(db).name("orders")).table().description())
          .isEqualTo("v2");
      assertThat(partitionCount(target, db)).isEqualTo(159);
      assertThat(
              target
                  .getPartition(
                      r -> r.databaseName(db).tableName("orders").partitionValues("2024", "0"))
                  .partition()
                  .parameters())
          .containsEntry("rows", "7");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> target.getTable(r -> r.databaseName(db).name("returns")))
          .isInstanceOf(EntityNotFoundException.class);
    }
  }

  @Test
  void aDryRunReportsWithoutWriting(@TempDir Path dir) {
    try (CatalogBridge from = TestBridges.start(dir.resolve("from"));
        CatalogBridge to = TestBridges.start(dir.resolve("to"));
        GlueClient source = TestBridges.admin(from);
        GlueClient target = TestBridges.admin(to)) {
      String db = TestBridges.name("dry");
      source.createDatabase(r -> r.databaseInput(DatabaseInput.builder().name(db).build()));
      source.createTable(r -> r.databaseName(db).tableInput(table("orders", "v1")));
      source.batchCreatePartition(
          r -> r.databaseName(db).tableName("orders").partitionInputList(partitions(0, 3)));

      MirrorReport report =
          CatalogMirror.run(source, target, new MirrorOptions(List.of(db), false, true, null));

      assertThat(report.dryRun()).isTrue();
      assertThat(report.count(Entity.DATABASE, Action.CREATED)).isEqualTo(1);
      assertThat(report.count(Entity.TABLE, Action.CREATED)).isEqualTo(1);
      assertThat(report.count(Entity.PARTITION, Action.CREATED)).isEqualTo(3);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> target.getDatabase(r -> r.name(db)))
          .isInstanceOf(EntityNotFoundException.class);
    }
  }

  @Test
  void reportsWhatTheTargetRefusesAndGoesOn(@TempDir Path dir) {
    try (CatalogBridge from = TestBridges.start(dir.resolve("from"));
        CatalogBridge to = TestBridges.start(dir.resolve("to"));
        GlueClient source = TestBridges.admin(from);
        GlueClient readOnlyTarget = TestBridges.reader(to)) {
      String db = TestBridges.name("denied");
      source.createDatabase(r -> r.databaseInput(DatabaseInput.builder().name(db).build()));

      MirrorReport report =
          CatalogMirror.run(
              source, readOnlyTarget, new MirrorOptions(List.of(db), false, false, null));

      assertThat(report.hasFailures()).isTrue();
      assertThat(report.changes())
          .singleElement()
          .satisfies(
              change -> {
                assertThat(change.action()).isEqualTo(Action.FAILED);
                assertThat(change.detail())
                    .startsWith("AccessDeniedException: Cannot create database: principal reader");
              });
    }
  }

  private static int partitionCount(GlueClient glue, String db) {
    return glue.getPartitionsPaginator(r -> r.databaseName(db).tableName("orders")).stream()
        .mapToInt(page -> page.partitions().size())
        .sum();
  }

  private static TableInput table(String name, String description) {
    return TableInput.builder()
        .name(name)
        .description(description)
        .partitionKeys(
            Column.builder().name("year").type("string").build(),
            Column.builder().name("n").type("int").build())
        .storageDescriptor(
            StorageDescriptor.builder()
                .columns(Column.builder().name("id").type("bigint").build())
                .location("s3://lake/" + name + "/")
                .build())
        .build();
  }

  private static List<PartitionInput> partitions(int from, int to) {
    List<PartitionInput> inputs = new ArrayList<>();
    for (int i = from; i < to; i++) {
      inputs.add(
          PartitionInput.builder()
              .values("2024", Integer.toString(i))
              .storageDescriptor(
                  StorageDescriptor.builder()
                      .location("s3://lake/orders/year=2024/n=" + i + "/")
                      .build())
              .build());
    }
    return inputs;
  }
}
