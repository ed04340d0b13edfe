package io.driftway.streamjobs.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which bookmarked progress counts as written, against real Iceberg tables whose snapshots carry
 * the Flink committer's summary keys (a Hadoop catalog on a temporary folder).
 */
class BookmarksTest {
  private static final String JOB = "0123456789abcdef0123456789abcdef";
  private static final TableIdentifier EVENTS = TableIdentifier.of("db", "events");
  private static final TableIdentifier QUARANTINE = TableIdentifier.of("db", "events_quarantine");
  private static final TableIdentifier RANGES = TableIdentifier.of("db", "ranges");
  private static final OptionalLong NOT_HOLDING = OptionalLong.empty();

  @TempDir Path dir;
  private HadoopCatalog catalog;
  private BookmarkLog log;

  @BeforeEach
  void setUp() {
    String warehouse = dir.resolve("warehouse").toString();
    catalog = new HadoopCatalog(new Configuration(), warehouse);
    Schema schema = new Schema(Types.NestedField.optional(1, "id", Types.LongType.get()));
    for (TableIdentifier id : List.of(EVENTS, QUARANTINE, RANGES)) {
      catalog.createTable(id, schema);
    }
    log =
        BookmarkLog.of(
            Map.of(
                CatalogProperties.WAREHOUSE_LOCATION,
                warehouse,
                CatalogProperties.FILE_IO_IMPL,
                HadoopFileIO.class.getName()),
            "pipeline");
  }

  @Test
  void aCheckpointCountsOnlyOnceTheTableItsRowsWentToHoldsIt() {
    // Killed between two commits of checkpoint 4: the ranges table took it, events did not.
    read(3, 100, Map.of(EVENTS, 3L), NOT_HOLDING);
    read(4, 150, Map.of(EVENTS, 4L), NOT_HOLDING);
    commit(EVENTS, 3);
    commit(RANGES, 4);

    assertThat(committedRecords()).isEqualTo("100");
  }

  @Test
  void withoutTablesFilesTheNewestCheckpointOfAnyTableCounts() {
    // What logs written before the tables files were recorded still get.
    log.writeCheckpoint("run", JOB, 3, 0, progress(100));
    log.writeCheckpoint("run", JOB, 4, 0, progress(150));
    commit(EVENTS, 3);
    commit(RANGES, 4);

    assertThat(committedRecords()).isEqualTo("150");
  }

  @Test
  void everyTableTheRowsWentToMustHoldTheCheckpoint() {
    read(4, 150, Map.of(EVENTS, 4L, QUARANTINE, 4L), NOT_HOLDING);
    commit(EVENTS, 4);
    commit(QUARANTINE, 3);

    assertThat(committedRecords()).isNull();

    commit(QUARANTINE, 4);

    assertThat(committedRecords()).isEqualTo("150");
  }

  @Test
  void recordsHeldForASettleCountWithTheCheckpointThatWroteThem() {
    // Read by checkpoint 3 but held for a settle: their rows went with checkpoint 4.
    read(3, 100, Map.of(), OptionalLong.of(3));
    read(4, 150, Map.of(EVENTS, 3L), NOT_HOLDING);
    commit(EVENTS, 3);

    assertThat(committedRecords()).isNull();

    commit(EVENTS, 4);

    assertThat(committedRecords()).isEqualTo("150");
  }

  @Test
  void recordsHeldAgainLaterDoNotHoldBackWhatWasReadBefore() {
    // Each checkpoint holds what it just read while the settle before it is answered: what was read
    // by 3 was written with 4, though 4 and 5 hold newer records.
    read(3, 100, Map.of(), OptionalLong.of(3));
    read(4, 150, Map.of(EVENTS, 3L), OptionalLong.of(4));
    read(5, 200, Map.of(EVENTS, 4L), OptionalLong.of(5));
    commit(EVENTS, 4);
    commit(RANGES, 5);

    assertThat(committedRecords()).isEqualTo("100");
  }

  @Test
  void aHeldCheckpointWithoutALaterFileIsNotWritten() {
    read(3, 100, Map.of(EVENTS, 3L), OptionalLong.of(3));
    commit(EVENTS, 3);

    assertThat(committedRecords()).isNull();
  }

  @Test
  void anEarlierCheckpointTheTablesMissedHoldsBackLaterProgress() {
    // Checkpoint 5 read nothing new for events, but its position includes checkpoint 4's records.
    read(4, 150, Map.of(EVENTS, 4L, QUARANTINE, 4L), NOT_HOLDING);
    read(5, 150, Map.of(QUARANTINE, 5L), NOT_HOLDING);
    commit(EVENTS, 3);
    commit(QUARANTINE, 5);

    assertThat(committedRecords()).isNull();
  }

  @Test
  void aCheckpointWhoseTrackingSnapshotDidNotFinishIsNotWritten() {
    read(3, 100, Map.of(EVENTS, 3L), NOT_HOLDING);
    log.writeCheckpoint("run", JOB, 4, 0, progress(150));
    commit(EVENTS, 4);

    assertThat(committedRecords()).isEqualTo("100");
  }

  /**
   * Subtask 0 had read {@code records} of the file at {@code checkpoint}; its rows went to {@code
   * tables}, each with the checkpoint their records were read by.
   */
  private void read(
      long checkpoint, long records, Map<TableIdentifier, Long> tables, OptionalLong heldSince) {
    log.writeCheckpoint("run", JOB, checkpoint, 0, progress(records));
    Map<String, Long> names = new java.util.HashMap<>();
    tables.forEach((id, readBy) -> names.put(id.toString(), readBy));
    log.writeTables("run", JOB, checkpoint, 0, new BookmarkLog.Tables(names, heldSince));
  }

  private static Progress progress(long records) {
    return Progress.of(Map.of("file:s3://b/f.json@1", Long.toString(records)));
  }

  /** A snapshot of {@code id} as Iceberg's Flink committer writes it for {@code checkpoint}. */
  private void commit(TableIdentifier id, long checkpoint) {
    Table table = catalog.loadTable(id);
    table
        .newFastAppend()
        .set(Bookmarks.FLINK_JOB_ID, JOB)
        .set(Bookmarks.MAX_COMMITTED_CHECKPOINT, Long.toString(checkpoint))
        .commit();
  }

  private String committedRecords() {
    return Bookmarks.committed(log, catalog, List.of(EVENTS, QUARANTINE, RANGES))
        .progress()
        .positions()
        .get("file:s3://b/f.json@1");
  }
}
