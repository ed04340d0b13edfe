package io.driftway.loadtests.peers;

import io.driftway.loadtests.report.Spread;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The peers bench's Markdown report: setup, results (the headline workload's median rounds, the
 * other workloads', the sustained phase), the bars, the charts and the printed table.
 */
final class PeersMarkdown {

  private PeersMarkdown() {}

  static String of(
      PeersBench.Options options,
      long records,
      List<PeersBench.SizeRuns> sizes,
      String table,
      Map<Peer, PeersBench.Backlog> backlogs,
      Map<Peer, PeersBench.Sustained> sustained,
      double rate,
      List<PeersReport.Ratios> ratios,
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
            "- %,d records per workload (%s), seed %d, drift schedule `%s`, in a topic of 2"
                + " partitions per workload on one Kafka broker (its own JVM); %d interleaved"
                + " rounds (the systems' order turns each round)%n",
            records,
            String.join(
                ", ",
                ratios.stream().map(r -> r.avro() ? r.title() : r.title() + " JSON").toList()),
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
    if (options.avroGenerator() != null) {
      md.append(
          "- Avro: the 1 KB records in Avro, Confluent wire format (magic byte 0, 4-byte schema id"
              + " = the schema version; the drift adds versions), every version in a schema"
              + " registry on 127.0.0.1 the bench starts. Driftway reads them with `format: {type:"
              + " avro-confluent}`; the static job with Flink's Avro format (the writer schema"
              + " fetched by id once, resolved against its fixed reader schema, converted by"
              + " Flink's `AvroToRowDataConverters`). The Kafka Connect sink is "
              + PeersReport.KC_AVRO_REASON
              + "\n");
    }
    md.append(
        "- records per CPU-second after the first commit (the headline): records committed after"
            + " the first snapshot over the user + system CPU time of the system's JVM"
            + " (`/proc/<pid>/stat`) from that snapshot until a reader sees one holding every"
            + " record; the whole run's figure counts from just before the system is told to"
            + " start; the broker and the producer are other processes. Each ratio is taken per"
            + " round and reported as median (min..max)\n");
    md.append(
        "- JIT after 1st commit: the CPU of the JVM's JIT compiler threads (`C1/C2"
            + " CompilerThread`, `/proc/<pid>/task/<tid>/stat`) over the JVM's CPU in the same"
            + " window. Code still being compiled minutes into a run is warm-up a pipeline running"
            + " for days no longer pays, so the ratios are also given without it (an estimate of"
            + " the longer run's per-record cost, not the headline)\n");
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
            "| system | after 1st commit | JIT after 1st commit | records/CPU-s | records/s (wall) |")
        .append(" CPU s | wall s | peak RSS MB | files | mean file MB | rows | distinct ids |")
        .append(" freshness p50 s | p99 s |\n");
    md.append(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
            + " ---: |\n");
    for (Map.Entry<Peer, PeersBench.Backlog> entry : backlogs.entrySet()) {
      PeersBench.Backlog b = entry.getValue();
      PeersBench.Sustained s = sustained.get(entry.getKey());
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %.0f%% | %,.0f | %,.0f | %.1f | %.1f | %.0f | %d | %.2f | %,d | %,d | %s"
                  + " | %s |%n",
              entry.getKey().title(),
              b.steadyRecordsPerCpuSecond(),
              100 * b.steadyJitShare(),
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
    if (sizes.size() > 1) {
      md.append("Other workloads, per system its median round:\n\n");
      md.append(
          "| workload | system | after 1st commit | JIT after 1st commit | records/CPU-s |"
              + " records/s (wall) | CPU s | peak RSS MB | files | rows | distinct ids |\n");
      md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (PeersBench.SizeRuns runs : sizes.subList(1, sizes.size())) {
        for (Map.Entry<Peer, PeersBench.Backlog> entry : runs.typical().entrySet()) {
          PeersBench.Backlog b = entry.getValue();
          if (b == null) {
            continue;
          }
          md.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %s | %,.0f | %.0f%% | %,.0f | %,.0f | %.1f | %.0f | %d | %,d | %,d |%n",
                  runs.title(),
                  entry.getKey().title(),
                  b.steadyRecordsPerCpuSecond(),
                  100 * b.steadyJitShare(),
                  b.recordsPerCpuSecond(),
                  b.recordsPerSecond(),
                  b.cpuSeconds(),
                  b.peakRssBytes() / 1048576.0,
                  b.check().files(),
                  b.check().rows(),
                  b.check().distinctIds()));
        }
      }
      md.append('\n');
    }
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
    for (PeersReport.Ratios r : ratios) {
      if (r.avro()) {
        md.append(
            String.format(
                Locale.ROOT,
                "- %s, Driftway vs static-schema Flink job, records per CPU-second after the first"
                    + " commit: **%s** (no bar: the bars are set on JSON); whole run %s; without"
                    + " the JIT compiler's CPU %s%n",
                r.title(),
                r.vsStatic().describe(),
                r.totalVsStatic().describe(),
                r.vsStaticWithoutJit().describe()));
        md.append(
            String.format(
                Locale.ROOT,
                "- %s, Driftway vs Iceberg Kafka Connect sink: %s%n",
                r.title(),
                PeersReport.KC_AVRO_REASON));
        continue;
      }
      md.append(
          String.format(
              Locale.ROOT,
              "- %s, Driftway vs Iceberg Kafka Connect sink, records per CPU-second after the first"
                  + " commit: **%s** (bar %.1f×): %s; whole run %s; without the JIT compiler's"
                  + " CPU %s%n",
              r.title(),
              r.vsKc().describe(),
              PeersReport.KC_BAR,
              verdict(r.vsKc(), PeersReport.KC_BAR),
              r.totalVsKc().describe(),
              r.vsKcWithoutJit().describe()));
      md.append(
          String.format(
              Locale.ROOT,
              "- %s, Driftway vs static-schema Flink job: **%s** (bar %.1f×): %s; whole run %s;"
                  + " without the JIT compiler's CPU %s%n",
              r.title(),
              r.vsStatic().describe(),
              PeersReport.STATIC_BAR,
              verdict(r.vsStatic(), PeersReport.STATIC_BAR),
              r.totalVsStatic().describe(),
              r.vsStaticWithoutJit().describe()));
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
            startupMax < PeersReport.STARTUP_LIMIT
                ? "steady state"
                : "NOT a steady-state run (over 10%)"));
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
}
