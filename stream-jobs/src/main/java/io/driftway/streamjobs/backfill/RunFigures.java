package io.driftway.streamjobs.backfill;

import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.streamjobs.audit.SourceRanges;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Types;

/** Figures of one run, read from the snapshots it committed; nothing is estimated. */
final class RunFigures {

  private RunFigures() {}

  /** The current schema id of each table that exists, to count schema changes afterwards. */
  static Map<TableIdentifier, Integer> schemaIds(
      Catalog catalog, Collection<TableIdentifier> tables) {
    Map<TableIdentifier, Integer> ids = new HashMap<>();
    for (TableIdentifier id : tables) {
      try {
        ids.put(id, catalog.loadTable(id).schema().schemaId());
      } catch (NoSuchTableException missing) {
        // Created by the run, if at all: every schema it has is new.
      }
    }
    return ids;
  }

  /** Per target table: rows, rescued rows, quarantined rows, schema changes, snapshots. */
  static List<BackfillSummary.TableSummary> tables(
      Catalog catalog,
      Collection<TableIdentifier> tables,
      String runId,
      Map<TableIdentifier, Integer> schemaIdsBefore) {
    Map<String, long[]> figures = new TreeMap<>();
    for (TableIdentifier id : tables) {
      if (SourceRanges.isRangesTable(id)) {
        // The audit's bookkeeping, committed beside the rows: not rows of a target table.
        continue;
      }
      Table table;
      try {
        table = catalog.loadTable(id);
      } catch (NoSuchTableException missing) {
        continue;
      }
      boolean quarantine = QuarantineTable.isQuarantine(id);
      String target = quarantine ? QuarantineTable.targetOf(id).toString() : id.toString();
      long rows = 0;
      long rescued = 0;
      int snapshots = 0;
      for (Snapshot snapshot : ownSnapshots(table, runId)) {
        snapshots++;
        rows +=
            Long.parseLong(
                snapshot.summary().getOrDefault(SnapshotSummary.ADDED_RECORDS_PROP, "0"));
        if (!quarantine) {
          rescued += rescued(table, snapshot);
        }
      }
      if (snapshots == 0 && !figures.containsKey(target)) {
        continue;
      }
      long[] f = figures.computeIfAbsent(target, k -> new long[5]);
      if (quarantine) {
        f[2] += rows;
      } else {
        f[0] += rows;
        f[1] += rescued;
        Integer before = schemaIdsBefore.get(id);
        f[3] +=
            table.schemas().keySet().stream()
                .filter(schemaId -> before == null || schemaId > before)
                .count();
        // A table the run created starts with one schema: that is creation, not a change.
        if (before == null && f[3] > 0) {
          f[3]--;
        }
      }
      f[4] += snapshots;
    }
    List<BackfillSummary.TableSummary> result = new ArrayList<>();
    figures.forEach(
        (name, f) ->
            result.add(
                new BackfillSummary.TableSummary(name, f[0], f[1], f[2], (int) f[3], (int) f[4])));
    return result;
  }

  static List<Snapshot> ownSnapshots(Table table, String runId) {
    List<Snapshot> own = new ArrayList<>();
    for (Snapshot snapshot : table.snapshots()) {
      if (runId.equals(snapshot.summary().get(BackfillJob.RUN_ID))) {
        own.add(snapshot);
      }
    }
    return own;
  }

  /** Rows of the snapshot's new files with a rescued value: record count minus null count. */
  private static long rescued(Table table, Snapshot snapshot) {
    Schema schema = table.schema();
    Types.NestedField column = schema.findField(TablePolicy.DEFAULT_RESCUED_COLUMN);
    if (column == null) {
      return 0;
    }
    long rescued = 0;
    for (DataFile file : snapshot.addedDataFiles(table.io())) {
      Map<Integer, Long> nulls = file.nullValueCounts();
      Long nullCount = nulls == null ? null : nulls.get(column.fieldId());
      if (nullCount != null) {
        rescued += file.recordCount() - nullCount;
      }
    }
    return rescued;
  }
}
