package io.driftway.loadtests.peers;

import io.driftway.loadtests.report.Spread;
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
  static final double STATIC_BAR = 1.2;
  static final double STARTUP_LIMIT = 0.10;

  private PeersReport() {}

  /** The ratios of one record size: Driftway over each peer, steady state and whole run. */
  record Ratios(String size, Spread vsKc, Spread vsStatic, Spread totalVsKc, Spread totalVsStatic) {

    static Ratios of(PeersBench.SizeRuns runs) {
      return new Ratios(
          runs.size(),
          runs.ratio(Peer.KAFKA_CONNECT, true),
          runs.ratio(Peer.STATIC, true),
          runs.ratio(Peer.KAFKA_CONNECT, false),
          runs.ratio(Peer.STATIC, false));
    }
  }

  static void write(
      PeersBench.Options options,
      long records,
      List<PeersBench.SizeRuns> sizes,
      Map<Peer, PeersBench.Sustained> sustained,
      double rate,
      double benchSeconds)
      throws IOException {
    PeersBench.SizeRuns main = sizes.get(0);
    Map<Peer, PeersBench.Backlog> backlogs = main.typical();
    List<Ratios> ratios = sizes.stream().map(Ratios::of).toList();
    Ratios headline = ratios.get(0);
    boolean correct =
        sizes.stream().allMatch(runs -> runs.exact(records))
            && sustained.values().stream().allMatch(s -> s.check().exactly(s.expected()));
    double startupMax =
        sizes.stream()
            .flatMap(runs -> runs.rounds().values().stream())
            .flatMap(List::stream)
            .mapToDouble(PeersBench.Backlog::startupCpuShare)
            .max()
            .orElse(Double.NaN);
    // The bars are steady-state bars: a run mostly made of start-up does not meet them.
    boolean barsMet =
        correct
            && startupMax < STARTUP_LIMIT
            && ratios.stream().allMatch(r -> r.vsKc().count() > 0 && r.vsKc().median() >= KC_BAR)
            && headline.vsStatic().count() > 0
            && headline.vsStatic().median() >= STATIC_BAR;

    String table = table(sizes, backlogs, sustained, rate);
    System.out.print(table);
    for (Ratios r : ratios) {
      System.out.printf(
          Locale.ROOT,
          "%s, records per CPU-second after the first commit, median (min..max) of per-round"
              + " ratios: vs kc %s (bar %.1f), vs static %s (bar %.1f); whole run: vs kc %s,"
              + " vs static %s%n",
          r.size(),
          r.vsKc().describe(),
          KC_BAR,
          r.vsStatic().describe(),
          STATIC_BAR,
          r.totalVsKc().describe(),
          r.totalVsStatic().describe());
    }
    System.out.printf(
        Locale.ROOT,
        "every table exact: %b; start-up (CPU before the first commit) at most %.0f%% of a run's"
            + " CPU%s%n",
        correct,
        100 * startupMax,
        startupMax < STARTUP_LIMIT
            ? ""
            : " (over 10%: not a steady-state run; raise BENCH_RECORDS for headline figures)");

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
      throughput[0][i] = b.steadyRecordsPerCpuSecond();
      throughput[1][i] = b.recordsPerCpuSecond();
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
            "Backlog of %,d x %d B JSON records: throughput per system (median round)",
            records,
            options.generator().bytes()),
        "records/s",
        names,
        List.of(
            "records per CPU-second after the first commit",
            "per CPU-second, whole run",
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
            ratios,
            correct,
            startupMax,
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
            sizes,
            backlogs,
            sustained,
            rate,
            ratios,
            correct,
            barsMet,
            startupMax,
            markdown,
            benchSeconds));
  }

  private static String table(
      List<PeersBench.SizeRuns> sizes,
      Map<Peer, PeersBench.Backlog> backlogs,
      Map<Peer, PeersBench.Sustained> sustained,
      double rate) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-6s %5s %-9s %9s %8s %8s %8s %14s %14s %10s%n",
            "size",
            "round",
            "system",
            "records",
            "cpu_s",
            "startup",
            "wall_s",
            "steady/cpu_s",
            "records/cpu_s",
            "records/s"));
    for (PeersBench.SizeRuns runs : sizes) {
      for (Map.Entry<Peer, List<PeersBench.Backlog>> entry : runs.rounds().entrySet()) {
        for (int round = 0; round < entry.getValue().size(); round++) {
          PeersBench.Backlog b = entry.getValue().get(round);
          out.append(
              String.format(
                  Locale.ROOT,
                  "%-6s %5d %-9s %9d %8.1f %7.0f%% %8.1f %14.0f %14.0f %10.0f%n",
                  runs.size(),
                  round + 1,
                  entry.getKey().key(),
                  b.records(),
                  b.cpuSeconds(),
                  100 * b.startupCpuShare(),
                  b.wallSeconds(),
                  b.steadyRecordsPerCpuSecond(),
                  b.recordsPerCpuSecond(),
                  b.recordsPerSecond()));
        }
      }
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n%s, per system its median round (by records per CPU-second after the first"
                + " commit):%n",
            sizes.get(0).size()));
    out.append(
        String.format(
            Locale.ROOT,
            "%-9s %9s %8s %8s %14s %14s %10s %9s %6s %12s %9s %9s %8s %8s%n",
            "system",
            "records",
            "cpu_s",
            "wall_s",
            "steady/cpu_s",
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
              "%-9s %9d %8.1f %8.1f %14.0f %14.0f %10.0f %9.0f %6d %12.2f %9d %9d %8s %8s%n",
              entry.getKey().key(),
              b.records(),
              b.cpuSeconds(),
              b.wallSeconds(),
              b.steadyRecordsPerCpuSecond(),
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
      List<Ratios> ratios,
      boolean correct,
      double startupMax,
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
            "- %,d JSON records of %s, seed %d, drift schedule `%s`, in a topic of 2"
                + " partitions per size on one Kafka broker (its own JVM); %d interleaved rounds"
                + " (the systems' order turns each round)%n",
            records,
            ratios.stream().map(Ratios::size).toList(),
            options.generator().seed(),
            options.generator().drift(),
            options.rounds()));
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
        "- records per CPU-second after the first commit (the headline): records committed after"
            + " the first snapshot over the user + system CPU time of the system's JVM"
            + " (`/proc/<pid>/stat`) from that snapshot until a reader sees one holding every"
            + " record; the whole run's figure counts from just before the system is told to"
            + " start; the broker and the producer are other processes. Each ratio is taken per"
            + " round and reported as median (min..max)\n");
    md.append(
        "- peak RSS: `VmHWM` of the system's JVM; files: data files in the table's last"
            + " snapshot; rows and distinct ids: the table read back\n");
    md.append(
        options.sustainedSeconds() <= 0
            ? "- freshness: not measured (no sustained phase)\n\n"
            : String.format(
                Locale.ROOT,
                "- freshness: each system on a fresh topic while %.0f records/s are produced for %d s"
                    + " (after a 1,000-record warm-up); a record's freshness is when a poll (every 100"
                    + " ms) first sees a snapshot holding it minus its produce time%n%n",
                rate,
                options.sustainedSeconds()));
    md.append("## Results\n\n");
    md.append(
            "| system | after 1st commit | records/CPU-s | records/s (wall) | CPU s | wall s | peak RSS MB |")
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
              b.steadyRecordsPerCpuSecond(),
              b.recordsPerCpuSecond(),
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
    for (Ratios r : ratios) {
      md.append(
          String.format(
              Locale.ROOT,
              "- %s, Driftway vs Iceberg Kafka Connect sink, records per CPU-second after the first"
                  + " commit: **%s** (bar %.1f×): %s; whole run %s%n",
              r.size(),
              r.vsKc().describe(),
              KC_BAR,
              verdict(r.vsKc(), KC_BAR),
              r.totalVsKc().describe()));
      md.append(
          String.format(
              Locale.ROOT,
              "- %s, Driftway vs static-schema Flink job: **%s** (bar %.1f×): %s; whole run %s%n",
              r.size(),
              r.vsStatic().describe(),
              STATIC_BAR,
              verdict(r.vsStatic(), STATIC_BAR),
              r.totalVsStatic().describe()));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "- every table has exactly the records produced, as many distinct ids: %s%n",
            correct ? "yes" : "NO"));
    md.append(
        String.format(
            Locale.ROOT,
            "- start-up (CPU before the first commit) at most %.0f%% of a run's CPU: %s%n%n",
            100 * startupMax,
            startupMax < STARTUP_LIMIT ? "steady state" : "NOT a steady-state run (over 10%)"));
    md.append("![throughput](").append(throughputPng).append(")\n\n");
    md.append("![freshness](").append(freshnessPng).append(")\n\n");
    md.append("```\n").append(table).append("```\n");
    return md.toString();
  }

  private static String verdict(Spread ratio, double bar) {
    if (ratio.count() == 0) {
      return "not run";
    }
    return ratio.median() >= bar ? "met" : "NOT met";
  }

  private static String json(
      PeersBench.Options options,
      long records,
      List<PeersBench.SizeRuns> sizes,
      Map<Peer, PeersBench.Backlog> backlogs,
      Map<Peer, PeersBench.Sustained> sustained,
      double rate,
      List<Ratios> ratios,
      boolean correct,
      boolean barsMet,
      double startupMax,
      Path markdown,
      double benchSeconds) {
    StringBuilder json = new StringBuilder("{\"bench\":\"peers\"");
    json.append(",\"records\":").append(records);
    json.append(",\"record_bytes\":").append(options.generator().bytes());
    json.append(",\"rounds\":").append(options.rounds());
    for (int i = 0; i < ratios.size(); i++) {
      // The first size's ratios are the headline keys; another size's carry its label.
      Ratios r = ratios.get(i);
      String suffix = i == 0 ? "" : "_" + r.size();
      spread(json, "ratio_vs_kc" + suffix, r.vsKc());
      spread(json, "ratio_vs_static" + suffix, r.vsStatic());
      field(json, "total_ratio_vs_kc" + suffix, r.totalVsKc().median());
      field(json, "total_ratio_vs_static" + suffix, r.totalVsStatic().median());
    }
    for (Map.Entry<Peer, PeersBench.Backlog> entry : backlogs.entrySet()) {
      String k = entry.getKey().key();
      PeersBench.Backlog b = entry.getValue();
      field(json, k + "_steady_records_per_cpu_s", b.steadyRecordsPerCpuSecond());
      field(json, k + "_records_per_cpu_s", b.recordsPerCpuSecond());
      field(json, k + "_startup_cpu_share", b.startupCpuShare());
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
    for (PeersBench.SizeRuns runs : sizes.subList(1, sizes.size())) {
      for (Peer peer : runs.rounds().keySet()) {
        PeersBench.Backlog b = runs.typical(peer);
        if (b != null) {
          String k = peer.key() + "_" + runs.size();
          field(json, k + "_steady_records_per_cpu_s", b.steadyRecordsPerCpuSecond());
          field(json, k + "_peak_rss_mb", b.peakRssBytes() / 1048576.0);
        }
      }
    }
    field(json, "startup_cpu_share_max", startupMax);
    json.append(",\"steady_state\":").append(startupMax < STARTUP_LIMIT);
    field(json, "sustained_rate_per_s", rate);
    json.append(",\"commit_interval_s\":").append(options.commitInterval().toSeconds());
    json.append(",\"parallelism\":").append(options.parallelism());
    json.append(",\"catalog\":\"").append(options.jdbc() ? "jdbc" : "hadoop").append('"');
    json.append(",\"static_schema\":\"")
        .append(options.staticKnowsDrift() ? "final" : "base")
        .append('"');
    json.append(",\"kc_bar\":").append(KC_BAR);
    json.append(",\"static_bar\":").append(STATIC_BAR);
    json.append(",\"tables_exact\":").append(correct);
    json.append(",\"bars_met\":").append(barsMet);
    field(json, "bench_s", benchSeconds);
    json.append(",\"report\":\"").append(markdown.toString().replace("\\", "/")).append('"');
    return json.append('}').toString();
  }

  /** {@code key} (the median), {@code key_min}, {@code key_max}. */
  private static void spread(StringBuilder json, String key, Spread spread) {
    field(json, key, spread.median());
    field(json, key + "_min", spread.min());
    field(json, key + "_max", spread.max());
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
