package io.driftway.streamjobs.audit;

import io.driftway.connectors.quarantine.QuarantineTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Audits one table of a pipeline: reads the source ranges its pipeline committed and reports, per
 * source partition, gaps and overlaps; reads every snapshot of the table (and of its quarantine
 * table) and reports data files that two snapshots added.
 *
 * <pre>{@code
 * TableAudit.Report report = TableAudit.run(catalog, TableIdentifier.of("shop", "orders"),
 *     SourceRanges.tableFor("shop", "orders-stream"), "orders-stream");
 * report.lines().forEach(System.out::println);
 * int exit = report.findings().isEmpty() ? 0 : 1;
 * }</pre>
 */
public final class TableAudit {

  private TableAudit() {}

  /** What the audit found; {@link #lines()} is what {@code driftway audit} prints. */
  public static final class Report {
    private final TableIdentifier table;
    private final TableIdentifier ranges;
    private final int snapshots;
    private final int rangeRows;
    private final List<RangeAudit.PartitionReport> partitions;
    private final List<Finding> files;

    private Report(
        TableIdentifier table,
        TableIdentifier ranges,
        int snapshots,
        int rangeRows,
        List<RangeAudit.PartitionReport> partitions,
        List<Finding> files) {
      this.table = table;
      this.ranges = ranges;
      this.snapshots = snapshots;
      this.rangeRows = rangeRows;
      this.partitions = List.copyOf(partitions);
      this.files = List.copyOf(files);
    }

    /** Every finding: gaps and overlaps by source partition, then files added twice. */
    public List<Finding> findings() {
      List<Finding> all = new ArrayList<>();
      partitions.forEach(p -> all.addAll(p.findings()));
      all.addAll(files);
      return all;
    }

    /** The report as {@code driftway audit} prints it. */
    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      lines.add(
          String.format(
              "Audit of %s: %d snapshot(s); source ranges from %s: %d checkpoint range(s)",
              table, snapshots, ranges, rangeRows));
      String format = "  %-36s %7s %14s %14s %10s  %s";
      lines.add(
          String.format(
              format, "source partition", "ranges", "first", "last", "records", "result"));
      for (RangeAudit.PartitionReport p : partitions) {
        lines.add(
            String.format(
                format,
                p.partition().describe(),
                p.ranges(),
                p.first(),
                p.last(),
                p.records(),
                p.findings().isEmpty() ? "ok" : p.findings().size() + " finding(s)"));
      }
      lines.add(
          "  data files added by two snapshots: "
              + (files.isEmpty() ? "none" : Integer.toString(files.size())));
      List<Finding> all = findings();
      for (Finding finding : all) {
        lines.add("  " + finding.describe());
      }
      lines.add(all.isEmpty() ? "Result: clean" : "Result: " + all.size() + " finding(s)");
      return lines;
    }
  }

  /**
   * Audits {@code table} against the ranges that {@code pipeline} recorded in {@code ranges}.
   *
   * @throws IllegalStateException {@code Cannot audit table: ...} when the table or the ranges
   *     table cannot be read
   */
  public static Report run(
      Catalog catalog, TableIdentifier table, TableIdentifier ranges, String pipeline) {
    Table audited = load(catalog, table, "no such table");
    Table rangesTable = load(catalog, ranges, "the pipeline recorded no source ranges");
    List<CoveredRange> committed = new ArrayList<>();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(rangesTable).where(Expressions.equal("pipeline", pipeline)).build()) {
      for (Record row : rows) {
        committed.add(SourceRanges.fromRecord(row));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot audit table: cannot read the source ranges: " + ranges, e);
    }
    List<Finding> files = new ArrayList<>(filesAddedTwice(audited));
    TableIdentifier quarantine = QuarantineTable.idFor(table);
    if (catalog.tableExists(quarantine)) {
      files.addAll(filesAddedTwice(catalog.loadTable(quarantine)));
    }
    int snapshots = 0;
    for (Snapshot ignored : audited.snapshots()) {
      snapshots++;
    }
    return new Report(
        table, ranges, snapshots, committed.size(), RangeAudit.check(committed), files);
  }

  /** Data files of {@code table} that more than one snapshot added. */
  static List<Finding> filesAddedTwice(Table table) {
    Map<String, List<Long>> addedBy = new LinkedHashMap<>();
    for (Snapshot snapshot : table.snapshots()) {
      for (DataFile file : snapshot.addedDataFiles(table.io())) {
        addedBy.computeIfAbsent(file.location(), k -> new ArrayList<>()).add(snapshot.snapshotId());
      }
    }
    List<Finding> findings = new ArrayList<>();
    addedBy.forEach(
        (location, snapshots) -> {
          if (snapshots.size() > 1) {
            findings.add(
                new Finding(
                    Finding.Kind.FILE_TWICE,
                    location,
                    "added by snapshots " + snapshots + " of " + table.name()));
          }
        });
    return findings;
  }

  private static Table load(Catalog catalog, TableIdentifier id, String reason) {
    try {
      return catalog.loadTable(id);
    } catch (org.apache.iceberg.exceptions.NoSuchTableException e) {
      throw new IllegalStateException("Cannot audit table: " + reason + ": " + id, e);
    }
  }
}
