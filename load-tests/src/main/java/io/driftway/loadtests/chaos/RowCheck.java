package io.driftway.loadtests.chaos;

import io.driftway.loadtests.data.EventGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The table and its quarantine read back row by row after the faults: which ids arrived, how many
 * times, and whether a data file was added by two snapshots.
 *
 * @param rows rows in the table
 * @param distinctIds distinct expected {@code seq} values among them
 * @param lost records that should be in the table (well-formed, {@code seq < records}) and are not
 * @param unexpected rows whose {@code seq} is malformed or out of range (must be 0)
 * @param quarantineRows rows in the quarantine table
 * @param quarantineDistinct distinct source positions among them
 * @param filesInTwoSnapshots data files of either table that more than one snapshot added
 * @param snapshots snapshots of the table
 */
record RowCheck(
    long rows,
    long distinctIds,
    long lost,
    long unexpected,
    long quarantineRows,
    long quarantineDistinct,
    long filesInTwoSnapshots,
    long snapshots) {

  /** Rows beyond the first of each expected id: records written more than once. */
  long duplicated() {
    return rows - unexpected - distinctIds;
  }

  /** Reads every row of {@code table} and {@code quarantine} (their current snapshots). */
  static RowCheck of(Table table, Table quarantine, EventGenerator generator, long records) {
    table.refresh();
    long rows = 0;
    long unexpected = 0;
    BitSet ids = new BitSet((int) records);
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(table).select(EventGenerator.SEQ).build()) {
      for (Record record : read) {
        rows++;
        long seq = ((Number) record.getField(EventGenerator.SEQ)).longValue();
        if (seq < 0 || seq >= records || generator.isMalformed(seq)) {
          unexpected++;
        } else {
          ids.set((int) seq);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read table: " + e.getMessage() + ": " + table, e);
    }
    long lost = 0;
    for (long seq = 0; seq < records; seq++) {
      if (!generator.isMalformed(seq) && !ids.get((int) seq)) {
        lost++;
      }
    }
    quarantine.refresh();
    long quarantineRows = 0;
    Set<String> positions = new HashSet<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(quarantine).select("source_partition", "source_position").build()) {
      for (Record record : read) {
        quarantineRows++;
        positions.add(
            record.getField("source_partition") + "@" + record.getField("source_position"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read quarantine: " + e.getMessage() + ": " + quarantine, e);
    }
    int snapshots = 0;
    for (Snapshot ignored : table.snapshots()) {
      snapshots++;
    }
    return new RowCheck(
        rows,
        ids.cardinality(),
        lost,
        unexpected,
        quarantineRows,
        positions.size(),
        filesAddedTwice(table) + filesAddedTwice(quarantine),
        snapshots);
  }

  /** Data files of {@code table} that more than one snapshot added. */
  static long filesAddedTwice(Table table) {
    Map<String, Integer> addedBy = new HashMap<>();
    for (Snapshot snapshot : table.snapshots()) {
      for (DataFile file : snapshot.addedDataFiles(table.io())) {
        addedBy.merge(file.location(), 1, Integer::sum);
      }
    }
    return addedBy.values().stream().filter(n -> n > 1).count();
  }
}
