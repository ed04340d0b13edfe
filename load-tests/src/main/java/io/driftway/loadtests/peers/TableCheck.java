package io.driftway.loadtests.peers;

import io.driftway.loadtests.data.EventGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * What a user checks on a table after a load: rows, distinct ids ({@code seq}), and the data files
 * the writer left (count and mean size), read from the table itself.
 *
 * @param rows rows read back
 * @param distinctIds distinct {@code seq} values among them
 * @param files data files in the current snapshot
 * @param bytes their total size
 */
public record TableCheck(long rows, long distinctIds, long files, long bytes) {

  /** Reads the {@code seq} column of every row of {@code table}'s current snapshot. */
  public static TableCheck of(Table table) {
    table.refresh();
    long rows = 0;
    BitSet ids = new BitSet();
    long outOfRange = 0;
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(table).select(EventGenerator.SEQ).build()) {
      for (Record record : records) {
        rows++;
        long seq = ((Number) record.getField(EventGenerator.SEQ)).longValue();
        if (seq < 0 || seq > Integer.MAX_VALUE) {
          outOfRange++;
        } else {
          ids.set((int) seq);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read table: " + e.getMessage() + ": " + table, e);
    }
    Snapshot snapshot = table.currentSnapshot();
    Map<String, String> summary = snapshot == null ? Map.of() : snapshot.summary();
    return new TableCheck(
        rows,
        ids.cardinality() + outOfRange,
        Long.parseLong(summary.getOrDefault(SnapshotSummary.TOTAL_DATA_FILES_PROP, "0")),
        Long.parseLong(summary.getOrDefault(SnapshotSummary.TOTAL_FILE_SIZE_PROP, "0")));
  }

  /** Mean data file size in bytes, 0 without files. */
  public double meanFileBytes() {
    return files == 0 ? 0 : (double) bytes / files;
  }

  /** Whether the table holds exactly {@code expected} rows with as many distinct ids. */
  public boolean exactly(long expected) {
    return rows == expected && distinctIds == expected;
  }
}
