package io.driftway.streamjobs.maintain;

import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.spec.MaintenanceSpec;
import io.driftway.streamjobs.spec.PipelineSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFilesActionResult;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.actions.Actions;
import org.apache.iceberg.flink.maintenance.api.TriggerLockFactory;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.apache.iceberg.util.FileSystemWalker;

/**
 * Runs a table's maintenance tasks once, with the limits of its pipeline file: what {@code driftway
 * maintain <db.table>} and a Glue job run with {@code --job-kind maintain} do. The tasks are
 * Iceberg's: Flink's {@code RewriteDataFilesAction} (compaction), core {@code RewriteManifests},
 * core {@code ExpireSnapshots} under the {@link RetentionRule}, and orphan files found with
 * Iceberg's {@code FileSystemWalker} against every file the kept metadata references. Each task's
 * {@code enabled} switch applies; the table-wide switch is the pipeline job's and does not.
 *
 * <p>With {@code dryRun} nothing is written or deleted: the summary says what would be.
 *
 * <pre>{@code
 * MaintainOnce.Summary summary =
 *     MaintainOnce.run(spec, TableIdentifier.of("shop", "orders"), false, MaintainOnce::localFlink);
 * System.out.println(summary.render());
 * }</pre>
 */
public final class MaintainOnce {

  /** What one run did, or would do. */
  public record Summary(
      String table,
      boolean dryRun,
      long filesBefore,
      long bytesBefore,
      long filesAfter,
      long bytesAfter,
      int filesCompacted,
      int filesWritten,
      int manifestsBefore,
      int manifestsAfter,
      int snapshotsBefore,
      int snapshotsExpired,
      List<String> orphans,
      List<String> kept) {

    public Summary {
      orphans = List.copyOf(orphans);
      kept = List.copyOf(kept);
    }

    /** The summary as {@code driftway maintain} prints it. */
    public String render() {
      String verb = dryRun ? "would be " : "";
      StringBuilder out = new StringBuilder();
      out.append(dryRun ? "Dry run (nothing changed): " : "Maintained ").append(table).append('\n');
      out.append(
          String.format(
              Locale.ROOT,
              "  data files:      %d (%d bytes) before, %d (%d bytes) after%n",
              filesBefore,
              bytesBefore,
              filesAfter,
              bytesAfter));
      out.append(
          String.format(
              Locale.ROOT,
              "  compaction:      %d small files %srewritten into %d%n",
              filesCompacted,
              verb,
              filesWritten));
      out.append(
          String.format(
              Locale.ROOT,
              "  manifests:       %d before, %d after%n",
              manifestsBefore,
              manifestsAfter));
      out.append(
          String.format(
              Locale.ROOT,
              "  snapshots:       %d %sexpired of %d%n",
              snapshotsExpired,
              verb,
              snapshotsBefore));
      out.append(
          String.format(Locale.ROOT, "  orphan files:    %d %sremoved%n", orphans.size(), verb));
      for (String orphan : orphans) {
        out.append("    ").append(orphan).append('\n');
      }
      for (String why : kept) {
        out.append("  kept for a restore: ").append(why).append('\n');
      }
      return out.toString();
    }
  }

  private MaintainOnce() {}

  /** A Flink environment in this JVM, for compaction outside a cluster. */
  public static StreamExecutionEnvironment localFlink() {
    return StreamExecutionEnvironment.getExecutionEnvironment(Actions.CONFIG);
  }

  /**
   * Maintains {@code id} once with the limits {@code spec} gives it (the defaults when the file
   * does not declare the table).
   *
   * @param environment where compaction runs (a local one for the CLI)
   * @throws IllegalStateException {@code Cannot maintain table: ...} when the table is missing or
   *     another maintenance run holds the table's lock
   */
  public static Summary run(
      PipelineSpec spec,
      TableIdentifier id,
      boolean dryRun,
      Supplier<StreamExecutionEnvironment> environment) {
    Catalog catalog = Catalogs.loader(spec).loadCatalog();
    try {
      if (!catalog.tableExists(id)) {
        throw new IllegalStateException("Cannot maintain table: no such table: " + id);
      }
      Optional<TriggerLockFactory> locks =
          dryRun ? Optional.empty() : MaintenanceGraph.lockFactory(spec, id);
      if (locks.isEmpty()) {
        return maintain(spec, catalog, id, dryRun, environment);
      }
      TriggerLockFactory factory = locks.get();
      factory.open();
      try {
        TriggerLockFactory.Lock lock = factory.createLock();
        if (!lock.tryLock()) {
          throw new IllegalStateException(
              "Cannot maintain table: a maintenance task of a running job holds its lock: " + id);
        }
        try {
          return maintain(spec, catalog, id, false, environment);
        } finally {
          lock.unlock();
        }
      } finally {
        factory.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot maintain table: " + e.getMessage() + ": " + id, e);
    } finally {
      MaintenanceGraph.closeQuietly(catalog);
    }
  }

  private static Summary maintain(
      PipelineSpec spec,
      Catalog catalog,
      TableIdentifier id,
      boolean dryRun,
      Supplier<StreamExecutionEnvironment> environment) {
    MaintenanceSpec maintenance = spec.maintenance(id.name());
    Table table = catalog.loadTable(id);
    Snapshot start = table.currentSnapshot();
    long filesBefore = total(start, "total-data-files");
    long bytesBefore = total(start, "total-files-size");
    int manifestsBefore = manifests(table);
    int snapshotsBefore = count(table.snapshots());

    int compacted = 0;
    int written = 0;
    long target = maintenance.rewriteDataFiles().targetFileSize().bytes();
    if (maintenance.rewriteDataFiles().enabled() && start != null) {
      if (dryRun) {
        compacted = smallFiles(table, target);
      } else {
        RewriteDataFilesActionResult result =
            Actions.forTable(environment.get(), table)
                .rewriteDataFiles()
                .targetSizeInBytes(target)
                .execute();
        compacted = result.deletedDataFiles().size();
        written = result.addedDataFiles().size();
        table.refresh();
      }
    }

    if (maintenance.rewriteManifests() && !dryRun && table.currentSnapshot() != null) {
      // One cluster per partition spec: Iceberg packs each into manifests of the target size.
      table.rewriteManifests().clusterBy(DataFile::specId).commit();
      table.refresh();
    }

    Instant now = Instant.now();
    RetentionRule.Floor floor =
        RetentionRule.of(table, RetentionRule.bookmarks(table, Catalogs.properties(spec)));
    int expired = 0;
    if (maintenance.expireSnapshots().enabled()) {
      org.apache.iceberg.ExpireSnapshots expire =
          table
              .expireSnapshots()
              .expireOlderThan(floor.expireOlderThan(now, maintenance.expireSnapshots().maxAge()))
              .retainLast(maintenance.expireSnapshots().retainLast());
      expired = expire.apply().size();
      if (!dryRun) {
        expire.commit();
        table.refresh();
      }
    }

    List<String> orphans = List.of();
    if (maintenance.deleteOrphanFiles().enabled()) {
      // Files of a checkpoint that a stopped writer will still commit are at most about one
      // interval older than its newest commit: the age limit counts back from the oldest kept one.
      long keptFrom =
          Math.min(
              now.toEpochMilli(),
              floor.oldest().map(RetentionRule.Protected::timestampMillis).orElse(Long.MAX_VALUE));
      long olderThan = keptFrom - maintenance.deleteOrphanFiles().minAge().toMillis();
      orphans = orphans(table, olderThan);
      if (!dryRun) {
        for (String orphan : orphans) {
          table.io().deleteFile(orphan);
        }
      }
    }

    Snapshot end = dryRun ? start : table.currentSnapshot();
    return new Summary(
        id.toString(),
        dryRun,
        filesBefore,
        bytesBefore,
        total(end, "total-data-files"),
        total(end, "total-files-size"),
        compacted,
        written,
        manifestsBefore,
        dryRun ? manifestsBefore : manifests(table),
        snapshotsBefore,
        expired,
        orphans,
        floor.kept().stream().map(RetentionRule.Protected::why).toList());
  }

  /** Data files under 3/4 of the target: what compaction takes as input. */
  private static int smallFiles(Table table, long target) {
    int small = 0;
    try (CloseableIterable<org.apache.iceberg.FileScanTask> tasks = table.newScan().planFiles()) {
      for (org.apache.iceberg.FileScanTask task : tasks) {
        if (task.file().fileSizeInBytes() < target * 3 / 4) {
          small++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return small > 1 ? small : 0;
  }

  /**
   * Files under the table's location older than {@code olderThanMillis} that nothing references.
   */
  private static List<String> orphans(Table table, long olderThanMillis) {
    Set<String> referenced = new HashSet<>();
    FileIO io = table.io();
    for (Snapshot snapshot : table.snapshots()) {
      for (ManifestFile manifest : snapshot.allManifests(io)) {
        referenced.add(normalize(manifest.path()));
        if (manifest.content() == ManifestContent.DATA) {
          for (String path : ManifestFiles.readPaths(manifest, io)) {
            referenced.add(normalize(path));
          }
        } else {
          try (CloseableIterable<DeleteFile> deletes =
              ManifestFiles.readDeleteManifest(manifest, io, table.specs())) {
            for (DeleteFile delete : deletes) {
              referenced.add(normalize(delete.location()));
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    ReachableFileUtil.metadataFileLocations(table, true).forEach(p -> referenced.add(normalize(p)));
    ReachableFileUtil.manifestListLocations(table).forEach(p -> referenced.add(normalize(p)));
    ReachableFileUtil.statisticsFilesLocations(table).forEach(p -> referenced.add(normalize(p)));
    referenced.add(normalize(ReachableFileUtil.versionHintLocation(table)));

    List<String> found = new ArrayList<>();
    if (io instanceof SupportsPrefixOperations prefixes) {
      FileSystemWalker.listDirRecursivelyWithFileIO(
          prefixes,
          table.location(),
          table.specs(),
          file -> file.createdAtMillis() < olderThanMillis,
          found::add);
    } else {
      List<String> deeper = new ArrayList<>();
      FileSystemWalker.listDirRecursivelyWithHadoop(
          table.location(),
          table.specs(),
          file -> file.getModificationTime() < olderThanMillis,
          new Configuration(),
          Integer.MAX_VALUE,
          Integer.MAX_VALUE,
          deeper::add,
          found::add);
    }
    return found.stream().filter(path -> !referenced.contains(normalize(path))).sorted().toList();
  }

  /** One spelling per file: {@code file:/x}, {@code file:///x} and {@code /x} are one file. */
  static String normalize(String location) {
    String path = location;
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
      while (path.startsWith("//")) {
        path = path.substring(1);
      }
    }
    if (path.startsWith("s3a://") || path.startsWith("s3n://")) {
      path = "s3://" + path.substring(6);
    }
    return path;
  }

  private static long total(Snapshot snapshot, String key) {
    if (snapshot == null || snapshot.summary() == null) {
      return 0;
    }
    return Long.parseLong(snapshot.summary().getOrDefault(key, "0"));
  }

  private static int manifests(Table table) {
    Snapshot current = table.currentSnapshot();
    return current == null ? 0 : current.allManifests(table.io()).size();
  }

  private static int count(Iterable<?> items) {
    int n = 0;
    for (Object ignored : items) {
      n++;
    }
    return n;
  }
}
