package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MaintainCommandTest {

  private static final TableIdentifier EVENTS = TableIdentifier.of("shop", "events");

  @Test
  void dryRunSaysWhatWouldBeDoneAndChangesNothing(@TempDir Path dir) throws Exception {
    Path file = pipeline(dir);
    PipelineSpec spec = PipelineSpecLoader.load(file);
    Catalog catalog = Catalogs.loader(spec).loadCatalog();
    try {
      Table table =
          catalog.createTable(
              EVENTS,
              new Schema(Types.NestedField.required(1, "id", Types.LongType.get())),
              PartitionSpec.unpartitioned());
      for (int i = 0; i < 3; i++) {
        table
            .newAppend()
            .appendFile(
                DataFiles.builder(PartitionSpec.unpartitioned())
                    .withPath(table.location() + "/data/small-" + i + ".parquet")
                    .withFileSizeInBytes(1_000)
                    .withRecordCount(10)
                    .withFormat(FileFormat.PARQUET)
                    .build())
            .commit();
      }
      Path orphan = Path.of(table.location().replaceFirst("^file:", ""), "data", "orphan.parquet");
      Files.createDirectories(orphan.getParent());
      Files.writeString(orphan, "left behind by a failed writer");
      Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofDays(10))));
      table.refresh();
      String metadataBefore = metadataLocation(table);
      List<Long> snapshotsBefore = snapshotIds(table);

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit =
          cli(out, err)
              .execute("maintain", "shop.events", "--pipeline", file.toString(), "--dry-run");

      assertThat(err.toString()).isEmpty();
      assertThat(exit).isZero();
      assertThat(out.toString())
          .contains("Dry run (nothing changed): shop.events")
          .contains("data files:      3 (3000 bytes) before, 3 (3000 bytes) after")
          .contains("compaction:      3 small files would be rewritten into 0")
          .contains("snapshots:       0 would be expired of 3")
          .contains("orphan files:    1 would be removed")
          .contains("orphan.parquet");
      table.refresh();
      assertThat(metadataLocation(table)).isEqualTo(metadataBefore);
      assertThat(snapshotIds(table)).isEqualTo(snapshotsBefore);
      assertThat(orphan).exists();
    } finally {
      if (catalog instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  @Test
  void refusesATableWithoutItsDatabase(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int exit =
        cli(new StringWriter(), err)
            .execute("maintain", "events", "--pipeline", pipeline(dir).toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().trim())
        .isEqualTo("Cannot maintain table: expected <database>.<table>: events");
  }

  @Test
  void namesAMissingTable(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    int exit =
        cli(new StringWriter(), err)
            .execute("maintain", "shop.nothing", "--pipeline", pipeline(dir).toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().trim())
        .isEqualTo("Cannot maintain table: no such table: shop.nothing");
  }

  @Test
  void helpShowsAnExample() {
    StringWriter out = new StringWriter();
    assertThat(cli(out, new StringWriter()).execute("maintain", "--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: driftway maintain")
        .contains("./driftway maintain shop.orders --pipeline orders.yaml --dry-run");
  }

  private static Path pipeline(Path dir) throws Exception {
    Path file = dir.resolve("events.yaml");
    Files.writeString(
        file,
        """
        name: events
        routing:
          table: events
        tables:
          - name: events
            database: shop
        warehouse:
          location: %s
        catalog:
          type: hadoop
        """
            .formatted(dir.resolve("warehouse").toUri()));
    return file;
  }

  private static CommandLine cli(StringWriter out, StringWriter err) {
    CommandLine cli = Driftway.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli;
  }

  private static String metadataLocation(Table table) {
    return ((HasTableOperations) table).operations().current().metadataFileLocation();
  }

  private static List<Long> snapshotIds(Table table) {
    List<Long> ids = new ArrayList<>();
    for (Snapshot snapshot : table.snapshots()) {
      ids.add(snapshot.snapshotId());
    }
    return ids;
  }
}
