package io.driftway.loadtests.backfill;

import io.driftway.connectors.files.FileSource;
import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.connectors.source.RawRecord;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.streamjobs.backfill.BackfillJob;
import io.driftway.streamjobs.backfill.BackfillSpec;
import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.graph.WriteOptions;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The backfill job over many small files against the same bytes in a few large files.
 *
 * <p>{@code bench.mb} MB (10) of 1 KB JSON lines are written twice: as one file per record (10,000
 * × 1 KB) and as {@code bench.large-files} files (10 × 1 MB). Each set is backfilled into its own
 * Iceberg table (Hadoop catalog on a local folder) by the real backfill job ({@link BackfillJob}:
 * file source, decode, track and conform, Iceberg's dynamic sink) on a MiniCluster in this JVM
 * (parallelism 2), one after the other, {@code bench.rounds} (2) times in alternating order; each
 * set keeps its best round. A run's time is from submission to the bounded job's end; its CPU is
 * this JVM's (from {@code /proc}: Flink's job and task managers, the reader, the writers); the
 * table's committed row count is checked against the record count.
 *
 * <p>MB/s per core = MB / CPU-seconds. The bar: the small files take at most twice the time of the
 * large ones. The files live in a local folder, not on S3Proxy: S3Proxy would run in this JVM and
 * its own work for 10,000 requests would be counted as the job's CPU, and a backfill reads S3 with
 * the warehouse's S3 settings, so S3 files would also move the tables onto S3Proxy.
 *
 * <p>{@code bench.job=file-source} runs the connectors' {@code FileSource} feeding the pipeline's
 * own tail ({@link PipelineJob#write}) instead of the backfill job, with the same measurements.
 *
 * <p>Prints a table, then as its last line one JSON object. Run by {@code ./load-tests/bench
 * backfill}.
 */
public final class BackfillBench {

  private static final int PARALLELISM = 2;
  private static final String DATABASE = "bench";
  private static final int RECORD_BYTES = 1_024;

  /** {@code bench.job}: the backfill job, or the file source feeding the pipeline's tail. */
  private static final String JOB_BACKFILL = "backfill";

  private static final String JOB_FILE_SOURCE = "file-source";
  private static final String JOB = System.getProperty("bench.job", JOB_BACKFILL);

  private BackfillBench() {}

  /** One backfill run over one file set. */
  record Run(String set, int files, long bytes, long rows, double cpuSeconds, double wallSeconds) {

    double megabytes() {
      return bytes / 1e6;
    }

    double mbPerCpuSecond() {
      return megabytes() / cpuSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    int megabytes = Integer.getInteger("bench.mb", 10);
    int largeFiles = Integer.getInteger("bench.large-files", 10);
    int rounds = Integer.getInteger("bench.rounds", 2);
    int records = megabytes * 1_000;
    if (!JOB.equals(JOB_BACKFILL) && !JOB.equals(JOB_FILE_SOURCE)) {
      throw new IllegalArgumentException(
          "Cannot run benchmark: bench.job is backfill or file-source: " + JOB);
    }
    if (records % largeFiles != 0 || rounds < 1) {
      throw new IllegalArgumentException(
          "Cannot run benchmark: bench.mb * 1000 must divide into bench.large-files and"
              + " bench.rounds must be at least 1: "
              + megabytes
              + " MB, "
              + largeFiles
              + " files, "
              + rounds
              + " rounds");
    }
    long benchStart = System.nanoTime();
    Path work = Files.createTempDirectory("driftway-backfill-bench-");
    Run small = null;
    Run large = null;
    try {
      List<byte[]> lines = lines(records, 42L);
      long bytes = lines.stream().mapToLong(l -> l.length + 1L).sum();
      Path smallDir = writeSet(work.resolve("small"), lines, records);
      Path largeDir = writeSet(work.resolve("large"), lines, largeFiles);
      log(
          "wrote %,d records (%,d bytes) as %,d files and as %,d files",
          records, bytes, records, largeFiles);
      Path warehouse = Files.createDirectories(work.resolve("warehouse"));
      Catalog catalog =
          IcebergCatalogs.builder("bench")
              .warehouse(warehouse.toString())
              .hadoop()
              .build()
              .loadCatalog();
      ((SupportsNamespaces) catalog).createNamespace(Namespace.of(DATABASE));
      try (FlinkCluster flink = FlinkCluster.start()) {
        String smallSource = "file:" + smallDir;
        String largeSource = "file:" + largeDir;
        for (int round = 0; round < rounds; round++) {
          boolean smallFirst = round % 2 == 0;
          for (int turn = 0; turn < 2; turn++) {
            boolean isSmall = smallFirst == (turn == 0);
            Run run =
                run(
                    flink,
                    catalog,
                    warehouse,
                    isSmall ? "small" : "large",
                    isSmall ? smallSource : largeSource,
                    isSmall ? records : largeFiles,
                    bytes,
                    records,
                    round);
            print(run);
            if (isSmall) {
              small = best(small, run);
            } else {
              large = best(large, run);
            }
          }
        }
      }
    } finally {
      delete(work);
    }
    report(small, large, seconds(System.nanoTime() - benchStart));
  }

  private static Run run(
      FlinkCluster flink,
      Catalog catalog,
      Path warehouse,
      String set,
      String source,
      int files,
      long bytes,
      long records,
      int round)
      throws Exception {
    String table = set + "_" + round;
    PipelineSpec pipeline = pipeline(table, warehouse);
    StreamExecutionEnvironment env =
        flink.environment(PARALLELISM, PipelineJob.configuration(pipeline));
    long cpuStart = cpuNanos();
    long wallStart = System.nanoTime();
    if (JOB_FILE_SOURCE.equals(JOB)) {
      PipelineJob.configure(env, pipeline);
      DataStream<RawRecord> raw =
          env.fromSource(
                  FileSource.builder().location(source).build(),
                  WatermarkStrategy.noWatermarks(),
                  "files")
              .uid(table + "-files");
      PipelineJob.write(raw, pipeline, WriteOptions.streaming(pipeline));
      env.execute("bench-" + table);
    } else {
      BackfillJob job =
          BackfillJob.build(
              env,
              pipeline,
              BackfillSpec.builder(source).bookmarks(false).runId("bench-" + table).build());
      env.execute(job.name());
    }
    long wallEnd = System.nanoTime();
    long cpuEnd = cpuNanos();
    Table written = catalog.loadTable(TableIdentifier.of(DATABASE, table));
    long rows = total(written.currentSnapshot());
    if (rows != records) {
      throw new IllegalStateException(
          "Cannot measure backfill: the table holds "
              + rows
              + " rows, not "
              + records
              + ": "
              + DATABASE
              + "."
              + table);
    }
    return new Run(
        set, files, bytes, rows, seconds(cpuEnd - cpuStart), seconds(wallEnd - wallStart));
  }

  private static PipelineSpec pipeline(String table, Path warehouse) {
    // The Kafka source is the pipeline's streaming source; a backfill reads the files instead.
    String yaml =
        """
        name: bench-%s
        sources:
          - kafka:
              bootstrap-servers: 127.0.0.1:9
              topics: [unused]
        format:
          type: json
        routing:
          table: %s
        tables:
          - name: %s
            database: %s
        warehouse:
          location: %s
        catalog:
          type: hadoop
        checkpointing:
          interval: 2s
        parallelism: %d
        alerts:
          log: true
        """
            .formatted(table, table, table, DATABASE, warehouse, PARALLELISM);
    return PipelineSpecLoader.parse("bench-" + table + ".yaml", yaml, name -> null);
  }

  /** {@code count} JSON lines of about {@value #RECORD_BYTES} bytes each, seeded. */
  static List<byte[]> lines(int count, long seed) {
    Random random = new Random(seed);
    List<byte[]> lines = new ArrayList<>(count);
    StringBuilder text = new StringBuilder(RECORD_BYTES);
    for (int i = 0; i < count; i++) {
      text.setLength(0);
      text.append("{\"id\":")
          .append(i)
          .append(",\"user\":\"u")
          .append(random.nextInt(100_000))
          .append("\",\"amount\":")
          .append(random.nextInt(1_000_000) / 100.0)
          .append(",\"country\":\"")
          .append(COUNTRIES[random.nextInt(COUNTRIES.length)])
          .append("\",\"ts\":\"2026-11-")
          .append(String.format(Locale.ROOT, "%02d", 1 + random.nextInt(28)))
          .append("T12:00:00Z\",\"note\":\"");
      while (text.length() < RECORD_BYTES - 3) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      text.append("\"}");
      lines.add(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static final String[] COUNTRIES = {"DE", "FR", "US", "BR", "JP", "IN", "NG", "SE"};

  /** Writes {@code lines} as {@code files} JSON-lines files of equal record counts. */
  private static Path writeSet(Path dir, List<byte[]> lines, int files) throws IOException {
    Files.createDirectories(dir);
    int perFile = lines.size() / files;
    for (int f = 0; f < files; f++) {
      Path file = dir.resolve(String.format(Locale.ROOT, "part-%06d.json", f));
      try (OutputStream out = Files.newOutputStream(file)) {
        for (int i = f * perFile; i < (f + 1) * perFile; i++) {
          out.write(lines.get(i));
          out.write('\n');
        }
      }
    }
    return dir;
  }

  private static long total(Snapshot snapshot) {
    return snapshot == null
        ? 0
        : Long.parseLong(snapshot.summary().getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
  }

  /** CPU time of this JVM, all threads (the JDK reads it from /proc on Linux). */
  private static long cpuNanos() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("Cannot read CPU time: not on this OS"))
        .toNanos();
  }

  private static Run best(Run current, Run candidate) {
    return current == null || candidate.wallSeconds() < current.wallSeconds() ? candidate : current;
  }

  private static void print(Run run) {
    log(
        "%s: %,d files, %.1f MB, %,d rows, %.1f CPU-s, %.1f s: %.2f MB/CPU-s",
        run.set(),
        run.files(),
        run.megabytes(),
        run.rows(),
        run.cpuSeconds(),
        run.wallSeconds(),
        run.mbPerCpuSecond());
  }

  private static void report(Run small, Run large, double benchSeconds) {
    double timeRatio = small.wallSeconds() / large.wallSeconds();
    double cpuRatio = small.cpuSeconds() / large.cpuSeconds();
    System.out.printf(
        Locale.ROOT,
        "%-6s %8s %8s %8s %8s %14s%n",
        "set",
        "files",
        "MB",
        "cpu_s",
        "wall_s",
        "MB/s per core");
    for (Run run : List.of(small, large)) {
      System.out.printf(
          Locale.ROOT,
          "%-6s %8d %8.1f %8.1f %8.1f %14.2f%n",
          run.set(),
          run.files(),
          run.megabytes(),
          run.cpuSeconds(),
          run.wallSeconds(),
          run.mbPerCpuSecond());
    }
    System.out.printf(
        Locale.ROOT,
        "small files over large files: %.2f x the time (bar 2.0), %.2f x the CPU%n",
        timeRatio,
        cpuRatio);
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"bench\":\"backfill\",\"job\":\"%s\",\"store\":\"local\",\"mb\":%.2f,"
                + "\"mb_per_s_per_core\":%.3f,\"small_mb_per_s_per_core\":%.3f,"
                + "\"small_over_large_time\":%.3f,\"small_over_large_cpu\":%.3f,"
                + "\"small_files\":%d,\"large_files\":%d,"
                + "\"small_wall_s\":%.2f,\"large_wall_s\":%.2f,"
                + "\"small_cpu_s\":%.2f,\"large_cpu_s\":%.2f,"
                + "\"time_bar\":2.0,\"bars_met\":%b,\"parallelism\":%d,\"bench_s\":%.1f}",
            JOB,
            large.megabytes(),
            large.mbPerCpuSecond(),
            small.mbPerCpuSecond(),
            timeRatio,
            cpuRatio,
            small.files(),
            large.files(),
            small.wallSeconds(),
            large.wallSeconds(),
            small.cpuSeconds(),
            large.cpuSeconds(),
            timeRatio <= 2.0,
            PARALLELISM,
            benchSeconds));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void log(String format, Object... args) {
    System.err.println("[bench] " + String.format(Locale.ROOT, format, args));
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete bench folder: " + dir, e);
    }
  }
}
