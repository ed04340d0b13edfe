package io.driftway.loadtests.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The peers bench's output: a table on stdout, a Markdown report with two PNG charts in {@code
 * <results>/<yyyy-MM-dd>/}, and as the last stdout line one JSON object with every figure.
 */
final class PeersReport {

  static final double KC_BAR = 2.0;
  static final double STATIC_BAR = 0.9;

  private PeersReport() {}

  static void write(
      PeersBench.Options options,
      long records,
      Map<Peer, PeersBench.Backlog> backlogs,
      Map<Peer, PeersBench.Sustained> sustained,
      double rate,
      double benchSeconds)
      throws IOException {
    PeersBench.Backlog driftway = backlogs.get(Peer.DRIFTWAY);
    double ratioVsKc = ratio(driftway, backlogs.get(Peer.KAFKA_CONNECT));
    double ratioVsStatic = ratio(driftway, backlogs.get(Peer.STATIC));
    double steadyVsKc = steadyRatio(driftway, backlogs.get(Peer.KAFKA_CONNECT));
    double steadyVsStatic = steadyRatio(driftway, backlogs.get(Peer.STATIC));
    boolean correct =
        backlogs.values().stream().allMatch(b -> b.check().exactly(records))
            && sustained.values().stream().allMatch(s -> s.check().exactly(s.expected()));
    boolean barsMet =
        correct
            && !Double.isNaN(ratioVsKc)
            && ratioVsKc >= KC_BAR
            && !Double.isNaN(ratioVsStatic)
            && ratioVsStatic >= STATIC_BAR;

    String table = table(backlogs, sustained, rate);
    System.out.print(table);
    System.out.printf(
        Locale.ROOT,
        "ratio vs kc %.3f (bar %.1f), ratio vs static %.3f (bar %.1f), every table exact: %b;"
            + " after the first commit: vs kc %.3f, vs static %.3f%n",
        ratioVsKc,
        KC_BAR,
        ratioVsStatic,
        STATIC_BAR,
        correct,
        steadyVsKc,
        steadyVsStatic);

    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    Path folder =
        Files.createDirectories(
            options.results().resolve(now.format(DateTimeFormatter.ISO_LOCAL_DATE)));
    String stem = "peers-" + now.format(DateTimeFormatter.ofPattern("HHmmss"));
    List<Peer> peers = new ArrayList<>(backlogs.keySet());
    List<String> names = peers.stream().map(Peer::key).toList();
    double[][] throughput = new double[3][peers.size()];
    double[][] freshness = new double[2][peers.size()];
    for (int i = 0; i < peers.size(); i++) {
      PeersBench.Backlog b = backlogs.get(peers.get(i));
      throughput[0][i] = b.recordsPerCpuSecond();
      throughput[1][i] = b.steadyRecordsPerCpuSecond();
      throughput[2][i] = b.recordsPerSecond();
      PeersBench.Sustained s = sustained.get(peers.get(i));
      freshness[0][i] = s == null ? Double.NaN : s.freshness().p50();
      freshness[1][i] = s == null ? Double.NaN : s.freshness().p99();
    }
    Path throughputPng = folder.resolve(stem + "-throughput.png");
    Path freshnessPng = folder.resolve(stem + "-freshness.png");
    BarChart.write(
        throughputPng,
        String.format(
            Locale.ROOT,
            "Backlog of %,d x %d B JSON records: throughput per system",
            records,
            options.generator().bytes()),
        "records/s",
        names,
        List.of(
            "records per CPU-second (the job's JVM)",
            "per CPU-second after the first commit",
            "records per wall second"),
        throughput);
    BarChart.write(
        freshnessPng,
        String.format(
            Locale.ROOT,
            "Freshness at %.0f records/s, a commit every %d s",
            rate,
            options.commitInterval().toSeconds()),
        "seconds",
        names,
        List.of("p50", "p99"),
        freshness);
    Path markdown = folder.resolve(stem + ".md");
    Files.writeString(
        markdown,
        markdown(
            options,
            records,
            table,
            backlogs,
            sustained,
            rate,
            ratioVsKc,
            ratioVsStatic,
            correct,
            steadyVsKc,
            steadyVsStatic,
            throughputPng.getFileName().toString(),
            freshnessPng.getFileName().toString(),
            now,
            benchSeconds),
        StandardCharsets.UTF_8);
    System.err.println("[bench] report: " + markdown.toAbsolutePath());
    System.out.println(
        json(
            options,
            records,
            backlogs,
            sustained,
            rate,
            ratioVsKc,
            ratioVsStatic,
            steadyVsKc,
            steadyVsStatic,
            correct,
            barsMet,
            markdown,
            benchSeconds));
  }

  private static double steadyRatio(PeersBench.Backlog driftway, PeersBench.Backlog peer) {
    return driftway == null || peer == null
        ? Double.NaN
        : driftway.steadyRecordsPerCpuSecond() / peer.steadyRecordsPerCpuSecond();
  }

  private static double ratio(PeersBench.Backlog driftway, PeersBench.Backlog peer) {
    return driftway == null || peer == null
        ? Double.NaN
        : driftway.recordsPerCpuSecond() / peer.recordsPerCpuSecond();
  }

  private static String table(
      Map<Peer, PeersBench.Backlog> backlogs,
      Map<Peer, PeersBench.Sustained> sustained,
      double rate) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-9s %9s %8s %8s %14s %10s %9s %6s %12s %9s %9s %8s %8s%n",
            "system",
            "records",
            "cpu_s",
            "wall_s",
            "records/cpu_s",
            "records/s",
            "rss_mb",
            "files",
            "mean_file_mb",
            "rows",
            "distinct",
            "p50_s",
            "p99_s"));
    for (Map.Entry<Peer, PeersBench.Backlog> entry : backlogs.entrySet()) {
      PeersBench.Backlog b = entry.getValue();
      PeersBench.Sustained s = sustained.get(entry.getKey());
      out.append(
          String.format(
              Locale.ROOT,
              "%-9s %9d %8.1f %8.1f %14.0f %10.0f %9.0f %6d %12.2f %9d %9d %8s %8s%n",
              entry.getKey().key(),
              b.records(),
              b.cpuSeconds(),
              b.wallSeconds(),
              b.recordsPerCpuSecond(),
              b.recordsPerSecond(),
              b.peakRssBytes() / 1048576.0,
              b.check().files(),
              b.check().meanFileBytes() / 1048576.0,
              b.check().rows(),
              b.check().distinctIds(),
              s == null ? "-" : String.format(Locale.ROOT, "%.2f", s.freshness().p50()),
              s == null ? "-" : String.format(Locale.ROOT, "%.2f", s.freshness().p99())));
    }
    if (!sustained.isEmpty()) {
      out.append(String.format(Locale.ROOT, "sustained rate: %.0f records/s%n", rate));
    }
    return out.toString();
  }

  private static String markdown(
      PeersBench.Options options,
      long records,
      String table,
      Map<Peer, PeersBench.Backlog> backlogs,
      Map<Peer, PeersBench.Sustained> sustained,
      double rate,
      double ratioVsKc,
      double ratioVsStatic,
      boolean correct,
      double steadyVsKc,
      double steadyVsStatic,
      String throughputPng,
      String freshnessPng,
      LocalDateTime now,
      double benchSeconds) {
    StringBuilder md = new StringBuilder();
    md.append("# Peers bench, ")
        .append(now.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
        .append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%d cores, Java %s, `./load-tests/bench peers`, %.0f s in all.%n%n",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            benchSeconds));
    md.append("## Setup\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- %,d JSON records of %d bytes, seed %d, drift schedule `%s`, in a topic of 2"
                + " partitions on one Kafka broker (its own JVM)%n",
            records,
            options.generator().bytes(),
            options.generator().seed(),
            options.generator().drift()));
    md.append(
        String.format(
            Locale.ROOT,
            "- every system in its own JVM (`-Xmx%s`), parallelism %d (Kafka Connect: tasks.max"
                + " %d), a commit every %d s (Flink checkpoint interval,"
                + " `iceberg.control.commit.interval-ms`), one %s catalog over a local warehouse"
                + " folder%n",
            options.heap(),
            options.parallelism(),
            options.parallelism(),
            options.commitInterval().toSeconds(),
            options.jdbc() ? "JDBC (PostgreSQL)" : "Hadoop"));
    md.append(
        "- records per CPU-second: records over the user + system CPU time of the system's JVM"
            + " (`/proc/<pid>/stat`) from just before it is told to start until a reader sees a"
            + " snapshot holding every record; the broker and the producer are other processes\n");
    md.append(
        "- peak RSS: `VmHWM` of the system's JVM; files: data files in the table's last"
            + " snapshot; rows and distinct ids: the table read back\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- freshness: each system on a fresh topic while %.0f records/s are produced for %d s"
                + " (after a 1,000-record warm-up); a record's freshness is when a poll (every 100"
                + " ms) first sees a snapshot holding it minus its produce time%n%n",
            rate,
            options.sustainedSeconds()));
    md.append("## Results\n\n");
    md.append(
            "| system | records/CPU-s | after 1st commit | records/s (wall) | CPU s | wall s | peak RSS MB |")
        .append(" files | mean file MB | rows | distinct ids | freshness p50 s | p99 s |\n");
    md.append(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Map.Entry<Peer, PeersBench.Backlog> entry : backlogs.entrySet()) {
      PeersBench.Backlog b = entry.getValue();
      PeersBench.Sustained s = sustained.get(entry.getKey());
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %,.0f | %,.0f | %.1f | %.1f | %.0f | %d | %.2f | %,d | %,d | %s | %s |%n",
              entry.getKey().title(),
              b.recordsPerCpuSecond(),
              b.steadyRecordsPerCpuSecond(),
              b.recordsPerSecond(),
              b.cpuSeconds(),
              b.wallSeconds(),
              b.peakRssBytes() / 1048576.0,
              b.check().files(),
              b.check().meanFileBytes() / 1048576.0,
              b.check().rows(),
              b.check().distinctIds(),
              s == null ? "-" : String.format(Locale.ROOT, "%.2f", s.freshness().p50()),
              s == null ? "-" : String.format(Locale.ROOT, "%.2f", s.freshness().p99())));
    }
    md.append('\n');
    if (!sustained.isEmpty()) {
      md.append("Sustained phase (rows and distinct ids expected = records produced):\n\n");
      md.append(
          "| system | expected | rows | distinct ids | CPU s | commits | p50 s | p99 s | max s |\n");
      md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (Map.Entry<Peer, PeersBench.Sustained> entry : sustained.entrySet()) {
        PeersBench.Sustained s = entry.getValue();
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %,d | %,d | %.1f | %d | %.2f | %.2f | %.2f |%n",
                entry.getKey().title(),
                s.expected(),
                s.check().rows(),
                s.check().distinctIds(),
                s.cpuSeconds(),
                s.freshness().commits(),
                s.freshness().p50(),
                s.freshness().p99(),
                s.freshness().max()));
      }
      md.append('\n');
    }
    md.append("## Bars\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- Driftway vs Iceberg Kafka Connect sink, records per CPU-second: **%.2f×** (bar"
                + " %.1f×): %s%n",
            ratioVsKc,
            KC_BAR,
            Double.isNaN(ratioVsKc) ? "not run" : ratioVsKc >= KC_BAR ? "met" : "NOT met"));
    md.append(
        String.format(
            Locale.ROOT,
            "- Driftway vs static-schema Flink job: **%.2f×** (bar %.1f×): %s%n",
            ratioVsStatic,
            STATIC_BAR,
            Double.isNaN(ratioVsStatic)
                ? "not run"
                : ratioVsStatic >= STATIC_BAR ? "met" : "NOT met"));
    md.append(
        String.format(
            Locale.ROOT,
            "- every table has exactly the records produced, as many distinct ids: %s%n",
            correct ? "yes" : "NO"));
    md.append(
        String.format(
            Locale.ROOT,
            "- after the first commit (no start-up, submission or first-interval cost): %.2f× the"
                + " Kafka Connect sink, %.2f× the static job%n%n",
            steadyVsKc,
            steadyVsStatic));
    md.append("![throughput](").append(throughputPng).append(")\n\n");
    md.append("![freshness](").append(freshnessPng).append(")\n\n");
    md.append("```\n").append(table).append("```\n");
    return md.toString();
  }

  private static String json(
      PeersBench.Options options,
      long records,
      Map<Peer, PeersBench.Backlog> backlogs,
      Map<Peer, PeersBench.Sustained> sustained,
      double rate,
      double ratioVsKc,
      double ratioVsStatic,
      double steadyVsKc,
      double steadyVsStatic,
      boolean correct,
      boolean barsMet,
      Path markdown,
      double benchSeconds) {
    StringBuilder json = new StringBuilder("{\"bench\":\"peers\"");
    json.append(",\"records\":").append(records);
    json.append(",\"record_bytes\":").append(options.generator().bytes());
    json.append(",\"ratio_vs_kc\":").append(number(ratioVsKc));
    json.append(",\"ratio_vs_static\":").append(number(ratioVsStatic));
    json.append(",\"steady_ratio_vs_kc\":").append(number(steadyVsKc));
    json.append(",\"steady_ratio_vs_static\":").append(number(steadyVsStatic));
    for (Map.Entry<Peer, PeersBench.Backlog> entry : backlogs.entrySet()) {
      String k = entry.getKey().key();
      PeersBench.Backlog b = entry.getValue();
      field(json, k + "_records_per_cpu_s", b.recordsPerCpuSecond());
      field(json, k + "_steady_records_per_cpu_s", b.steadyRecordsPerCpuSecond());
      field(json, k + "_records_per_s", b.recordsPerSecond());
      field(json, k + "_cpu_s", b.cpuSeconds());
      field(json, k + "_wall_s", b.wallSeconds());
      field(json, k + "_peak_rss_mb", b.peakRssBytes() / 1048576.0);
      json.append(",\"").append(k).append("_files\":").append(b.check().files());
      field(json, k + "_mean_file_mb", b.check().meanFileBytes() / 1048576.0);
      json.append(",\"").append(k).append("_rows\":").append(b.check().rows());
      json.append(",\"").append(k).append("_distinct_ids\":").append(b.check().distinctIds());
      PeersBench.Sustained s = sustained.get(entry.getKey());
      if (s != null) {
        field(json, k + "_freshness_p50_s", s.freshness().p50());
        field(json, k + "_freshness_p99_s", s.freshness().p99());
        json.append(",\"").append(k).append("_sustained_rows\":").append(s.check().rows());
        json.append(",\"").append(k).append("_sustained_expected\":").append(s.expected());
      }
    }
    field(json, "sustained_rate_per_s", rate);
    json.append(",\"commit_interval_s\":").append(options.commitInterval().toSeconds());
    json.append(",\"parallelism\":").append(options.parallelism());
    json.append(",\"catalog\":\"").append(options.jdbc() ? "jdbc" : "hadoop").append('"');
    json.append(",\"kc_bar\":").append(KC_BAR);
    json.append(",\"static_bar\":").append(STATIC_BAR);
    json.append(",\"tables_exact\":").append(correct);
    json.append(",\"bars_met\":").append(barsMet);
    field(json, "bench_s", benchSeconds);
    json.append(",\"report\":\"").append(markdown.toString().replace("\\", "/")).append('"');
    return json.append('}').toString();
  }

  private static void field(StringBuilder json, String key, double value) {
    json.append(",\"").append(key).append("\":").append(number(value));
  }

  private static String number(double value) {
    return Double.isNaN(value) || Double.isInfinite(value)
        ? "null"
        : String.format(Locale.ROOT, "%.3f", value);
  }
}
