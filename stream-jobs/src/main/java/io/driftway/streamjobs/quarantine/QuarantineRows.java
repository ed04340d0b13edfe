package io.driftway.streamjobs.quarantine;

import io.driftway.connectors.quarantine.QuarantineTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads a target table's quarantine rows back with Iceberg's own reader, oldest first.
 *
 * <pre>{@code
 * List<QuarantineRow> rows = QuarantineRows.read(catalog, TableIdentifier.of("shop", "orders"));
 * }</pre>
 */
public final class QuarantineRows {

  private QuarantineRows() {}

  /** Every quarantine row of {@code target} (the table, not its quarantine); empty when none. */
  public static List<QuarantineRow> read(Catalog catalog, TableIdentifier target) {
    Table table;
    try {
      table = catalog.loadTable(QuarantineTable.idFor(target));
    } catch (NoSuchTableException missing) {
      return List.of();
    }
    if (table.currentSnapshot() == null) {
      return List.of();
    }
    List<QuarantineRow> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record r : records) {
        rows.add(
            new QuarantineRow(
                instant(r.getField("quarantined_at")),
                (String) r.getField("stage"),
                (String) r.getField("reason"),
                (String) r.getField("error_class"),
                (String) r.getField("source"),
                (String) r.getField("source_name"),
                (String) r.getField("source_partition"),
                (String) r.getField("source_position"),
                instant(r.getField("source_timestamp")),
                bytes(r.getField("raw"))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read quarantine: " + e.getMessage() + ": " + QuarantineTable.idFor(target), e);
    }
    rows.sort(Comparator.comparing(QuarantineRow::quarantinedAt).thenComparing(QuarantineRow::id));
    return List.copyOf(rows);
  }

  private static Instant instant(Object value) {
    return value == null ? null : ((OffsetDateTime) value).toInstant();
  }

  private static byte[] bytes(Object value) {
    if (value == null) {
      return null;
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }
}
