package io.driftway.loadtests.pipeline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * Watches one Iceberg table's committed snapshots the way a reader would: by polling the catalog
 * every 100 ms. Whoever writes the table (a Flink job in this JVM or another, a Kafka Connect
 * worker), the bench sees a commit when a reader could.
 *
 * <pre>{@code
 * TableWatch watch = new TableWatch(catalog, TableIdentifier.of("bench", "orders"));
 * watch.awaitRecords(200_000, Duration.ofMinutes(5), () -> job.isAlive());
 * TableWatch.Freshness f = watch.freshness("produced_at_ms", afterSnapshotId, rate, sent);
 * }</pre>
 *
 * <p>Not thread-safe, apart from {@link #seen()}, which a thread may read while another polls.
 */
public final class TableWatch {

  /** How often the catalog is polled. */
  public static final long POLL_MILLIS = 100;

  /** A committed snapshot as a poller saw it. */
  public record Seen(
      long snapshotId, long committedAtMillis, long observedAtMillis, long totalRecords) {}

  /** Freshness of the records committed after a snapshot, in seconds. */
  public record Freshness(
      double rate,
      long records,
      double p50,
      double p99,
      double max,
      double commitP99,
      int commits) {}

  private final Catalog catalog;
  private final TableIdentifier id;
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  private Table table;

  public TableWatch(Catalog catalog, TableIdentifier id) {
    this.catalog = catalog;
    this.id = id;
  }

  /**
   * Polls until a committed snapshot holds at least {@code records} rows, failing after {@code
   * limit} or as soon as {@code alive} says the writer is gone.
   */
  public Seen awaitRecords(long records, Duration limit, BooleanSupplier alive) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Cannot measure job: "
                + records
                + " records not committed in "
                + limit
                + " (last seen "
                + last()
                + "): "
                + id);
      }
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException(
            "Cannot measure job: it ended before committing every record: " + id);
      }
      Seen latest = poll();
      if (latest != null && latest.totalRecords() >= records) {
        return latest;
      }
      sleep(POLL_MILLIS);
    }
  }

  /** Looks at the table once and records its current snapshot if it is new; null if none yet. */
  public Seen poll() {
    if (table == null) {
      table = tryLoad();
      if (table == null) {
        return null;
      }
    } else {
      table.refresh();
    }
    Snapshot snapshot = table.currentSnapshot();
    if (snapshot == null) {
      return null;
    }
    Seen latest =
        new Seen(
            snapshot.snapshotId(),
            snapshot.timestampMillis(),
            System.currentTimeMillis(),
            total(snapshot));
    synchronized (seen) {
      if (seen.isEmpty() || seen.get(seen.size() - 1).snapshotId() != latest.snapshotId()) {
        seen.add(latest);
      }
    }
    return latest;
  }

  /**
   * Starts a daemon thread that polls every {@link #POLL_MILLIS} until interrupted, so that each
   * commit is seen close to when a reader could first see it.
   */
  public Thread pollInBackground() {
    Thread poller =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  poll();
                  Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException stopped) {
                  return;
                } catch (RuntimeException e) {
                  // A poll can race a metadata file being replaced; the next tick sees the table.
                  System.err.println("[bench] poll failed, retrying: " + e.getMessage());
                }
              }
            },
            "table-poller-" + id);
    poller.setDaemon(true);
    poller.start();
    return poller;
  }

  /** Every snapshot seen so far, in the order seen. */
  public List<Seen> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  /** The last snapshot seen, or null. */
  public Seen last() {
    synchronized (seen) {
      return seen.isEmpty() ? null : seen.get(seen.size() - 1);
    }
  }

  /** The table as last loaded (after at least one successful {@link #poll()}). */
  public Table table() {
    if (table == null) {
      throw new IllegalStateException("Cannot read table: not seen yet: " + id);
    }
    table.refresh();
    return table;
  }

  /** The highest rate between two consecutive commits: the job's throughput while it was busy. */
  public double peakRate() {
    List<Seen> all = seen();
    double peak = 0;
    for (int i = 1; i < all.size(); i++) {
      Seen a = all.get(i - 1);
      Seen b = all.get(i);
      long millis = b.committedAtMillis() - a.committedAtMillis();
      if (millis > 0) {
        peak = Math.max(peak, (b.totalRecords() - a.totalRecords()) * 1000.0 / millis);
      }
    }
    return peak;
  }

  /**
   * Per-record freshness of what was committed after snapshot {@code afterSnapshot}: a data file's
   * records are spread evenly between the file's {@code producedAtColumn} lower and upper bounds
   * (the producer sends at a fixed rate); a record is fresh from the first poll that saw a snapshot
   * holding it, so a commit the poller skipped over still counts, from when its successor was seen.
   * No data file is read.
   */
  public Freshness freshness(String producedAtColumn, long afterSnapshot, double rate, long sent) {
    Table current = table();
    Types.NestedField producedAt = current.schema().findField(producedAtColumn);
    List<Snapshot> chain = new ArrayList<>();
    for (Snapshot s = current.currentSnapshot();
        s != null && s.snapshotId() != afterSnapshot;
        s = s.parentId() == null ? null : current.snapshot(s.parentId())) {
      chain.add(0, s);
    }
    List<Seen> all = seen();
    List<double[]> visible = new ArrayList<>();
    List<double[]> committed = new ArrayList<>();
    int commits = 0;
    for (Snapshot snapshot : chain) {
      long rows = total(snapshot);
      Seen first =
          all.stream()
              .filter(s -> s.totalRecords() >= rows)
              .min(Comparator.comparingLong(Seen::observedAtMillis))
              .orElse(null);
      if (first == null) {
        continue;
      }
      commits++;
      for (DataFile file : snapshot.addedDataFiles(current.io())) {
        ByteBuffer lower = file.lowerBounds().get(producedAt.fieldId());
        ByteBuffer upper = file.upperBounds().get(producedAt.fieldId());
        if (lower == null || upper == null) {
          continue;
        }
        long lo = ((Number) Conversions.fromByteBuffer(producedAt.type(), lower)).longValue();
        long hi = ((Number) Conversions.fromByteBuffer(producedAt.type(), upper)).longValue();
        int n = (int) file.recordCount();
        double[] v = new double[n];
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
          double produced = lo + (hi - lo) * (k + 0.5) / n;
          v[k] = (first.observedAtMillis() - produced) / 1000.0;
          c[k] = (snapshot.timestampMillis() - produced) / 1000.0;
        }
        visible.add(v);
        committed.add(c);
      }
    }
    double[] sorted = flatten(visible);
    double[] commit = flatten(committed);
    if (sorted.length == 0) {
      throw new IllegalStateException("Cannot measure freshness: no snapshot seen after warm-up");
    }
    return new Freshness(
        rate,
        sent,
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted[sorted.length - 1],
        percentile(commit, 0.99),
        commits);
  }

  /** The committed row count of the table's current snapshot, 0 before the first commit. */
  public static long total(Table table) {
    Snapshot snapshot = table.currentSnapshot();
    return snapshot == null ? 0 : total(snapshot);
  }

  /** The snapshot's {@code total-records}. */
  public static long total(Snapshot snapshot) {
    Map<String, String> summary = snapshot.summary();
    return Long.parseLong(summary.getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
  }

  /** The value at quantile {@code p} of sorted values. */
  public static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double[] flatten(List<double[]> parts) {
    double[] all = parts.stream().flatMapToDouble(Arrays::stream).toArray();
    Arrays.sort(all);
    return all;
  }

  private Table tryLoad() {
    try {
      return catalog.loadTable(id);
    } catch (NoSuchTableException notYet) {
      return null;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot wait: interrupted", e);
    }
  }
}
