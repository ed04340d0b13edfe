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

  /**
   * Why the Kafka Connect sink does not run the Avro records (the {@code kc_avro} JSON field): it
   * needs a converter for the Confluent wire format, and the only ones are Confluent's.
   */
  static final String KC_AVRO_REASON =
      "not run: Iceberg's Kafka Connect sink needs Confluent's AvroConverter and schema registry"
          + " client (io.confluent:kafka-avro-serializer, kafka-schema-registry-client), which are"
          + " not on Maven Central";

  /**
   * The ratios of one workload: Driftway over each peer, steady state, whole run, and steady state
   * without the JIT compiler's CPU; {@code size} labels the JSON keys ({@code 150b}, {@code avro}),
   * {@code title} the printed figures.
   */
  record Ratios(
      String size,
      String title,
      boolean avro,
      Spread vsKc,
      Spread vsStatic,
      Spread totalVsKc,
      Spread totalVsStatic,
      Spread vsKcWithoutJit,
      Spread vsStaticWithoutJit) {

    static Ratios of(PeersBench.SizeRuns runs) {
      return new Ratios(
          runs.size(),
          runs.title(),
          runs.avro(),
          runs.ratio(Peer.KAFKA_CONNECT, PeersBench.Backlog::steadyRecordsPerCpuSecond),
          runs.ratio(Peer.STATIC, PeersBench.Backlog::steadyRecordsPerCpuSecond),
          runs.ratio(Peer.KAFKA_CONNECT, PeersBench.Backlog::recordsPerCpuSecond),
          runs.ratio(Peer.STATIC, PeersBench.Backlog::recordsPerCpuSecond),
          runs.ratio(Peer.KAFKA_CONNECT, PeersBench.Backlog::steadyRecordsPerNonJitCpuSecond),
          runs.ratio(Peer.STATIC, PeersBench.Backlog::steadyRecordsPerNonJitCpuSecond));
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
    // The bars are steady-state bars on JSON: a run mostly made of start-up does not meet them.
    boolean barsMet =
        correct
            && startupMax < STARTUP_LIMIT
            && ratios.stream()
                .filter(r -> !r.avro())
                .allMatch(r -> r.vsKc().count() > 0 && r.vsKc().median() >= KC_BAR)
            && headline.vsStatic().count() > 0
            && headline.vsStatic().median() >= STATIC_BAR;

    String table = table(sizes, backlogs, sustained, rate);
    System.out.print(table);
    for (Ratios r : ratios) {
      if (r.avro()) {
        System.out.printf(
            Locale.ROOT,
            "%s: driftway/static %s (records per CPU-second after the first commit, median"
                + " (min..max) of per-round ratios; no bar); whole run %s; without the JIT"
                + " compiler's CPU %s; kc %s%n",
            r.title(),
            r.vsStatic().describe(),
            r.totalVsStatic().describe(),
            r.vsStaticWithoutJit().describe(),
            KC_AVRO_REASON);
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "%s, records per CPU-second after the first commit, median (min..max) of per-round"
              + " ratios: vs kc %s (bar %.1f), vs static %s (bar %.1f); whole run: vs kc %s,"
              + " vs static %s; after the first commit without the JIT compiler's CPU: vs kc"
              + " %s, vs static %s%n",
          r.title(),
          r.vsKc().describe(),
          KC_BAR,
          r.vsStatic().describe(),
          STATIC_BAR,
          r.totalVsKc().describe(),
          r.totalVsStatic().describe(),
          r.vsKcWithoutJit().describe(),
          r.vsStaticWithoutJit().describe());
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
        PeersMarkdown.of(
            options,
            records,
            sizes,
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
        PeersJson.of(
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
            "%-6s %5s %-9s %9s %8s %8s %8s %14s %5s %14s %10s%n",
            "size",
            "round",
            "system",
            "records",
            "cpu_s",
            "startup",
            "wall_s",
            "steady/cpu_s",
            "jit",
            "records/cpu_s",
            "records/s"));
    for (PeersBench.SizeRuns runs : sizes) {
      for (Map.Entry<Peer, List<PeersBench.Backlog>> entry : runs.rounds().entrySet()) {
        for (int round = 0; round < entry.getValue().size(); round++) {
          PeersBench.Backlog b = entry.getValue().get(round);
          out.append(
              String.format(
                  Locale.ROOT,
                  "%-6s %5d %-9s %9d %8.1f %7.0f%% %8.1f %14.0f %4.0f%% %14.0f %10.0f%n",
                  runs.size(),
                  round + 1,
                  entry.getKey().key(),
                  b.records(),
                  b.cpuSeconds(),
                  100 * b.startupCpuShare(),
                  b.wallSeconds(),
                  b.steadyRecordsPerCpuSecond(),
                  100 * b.steadyJitShare(),
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
    for (PeersBench.SizeRuns runs : sizes.subList(1, sizes.size())) {
      out.append(
          String.format(
              Locale.ROOT,
              "%n%s, per system its median round:%n%-9s %9s %8s %8s %14s %14s %10s %9s %6s %9s %9s%n",
              runs.title(),
              "system",
              "records",
              "cpu_s",
              "wall_s",
              "steady/cpu_s",
              "records/cpu_s",
              "records/s",
              "rss_mb",
              "files",
              "rows",
              "distinct"));
      for (Map.Entry<Peer, PeersBench.Backlog> entry : runs.typical().entrySet()) {
        PeersBench.Backlog b = entry.getValue();
        if (b == null) {
          continue;
        }
        out.append(
            String.format(
                Locale.ROOT,
                "%-9s %9d %8.1f %8.1f %14.0f %14.0f %10.0f %9.0f %6d %9d %9d%n",
                entry.getKey().key(),
                b.records(),
                b.cpuSeconds(),
                b.wallSeconds(),
                b.steadyRecordsPerCpuSecond(),
                b.recordsPerCpuSecond(),
                b.recordsPerSecond(),
                b.peakRssBytes() / 1048576.0,
                b.check().files(),
                b.check().rows(),
                b.check().distinctIds()));
      }
    }
    return out.toString();
  }
}
