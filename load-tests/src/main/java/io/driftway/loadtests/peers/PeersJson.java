package io.driftway.loadtests.peers;

import io.driftway.loadtests.report.Spread;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The peers bench's last stdout line: one JSON object with every figure. The first workload's
 * ratios and systems are the headline keys ({@code ratio_vs_kc}, {@code driftway_cpu_s}); another
 * workload's carry its label ({@code ratio_vs_static_150b}, {@code driftway_avro_peak_rss_mb}).
 */
final class PeersJson {

  private PeersJson() {}

  static String of(
      PeersBench.Options options,
      long records,
      List<PeersBench.SizeRuns> sizes,
      Map<Peer, PeersBench.Backlog> backlogs,
      Map<Peer, PeersBench.Sustained> sustained,
      double rate,
      List<PeersReport.Ratios> ratios,
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
      PeersReport.Ratios r = ratios.get(i);
      String suffix = i == 0 ? "" : "_" + r.size();
      spread(json, "ratio_vs_kc" + suffix, r.vsKc());
      spread(json, "ratio_vs_static" + suffix, r.vsStatic());
      field(json, "total_ratio_vs_kc" + suffix, r.totalVsKc().median());
      field(json, "total_ratio_vs_static" + suffix, r.totalVsStatic().median());
      spread(json, "ratio_vs_kc_without_jit" + suffix, r.vsKcWithoutJit());
      spread(json, "ratio_vs_static_without_jit" + suffix, r.vsStaticWithoutJit());
      if (r.avro()) {
        json.append(",\"kc_avro\":\"").append(PeersReport.KC_AVRO_REASON).append('"');
      }
    }
    for (Map.Entry<Peer, PeersBench.Backlog> entry : backlogs.entrySet()) {
      String k = entry.getKey().key();
      PeersBench.Backlog b = entry.getValue();
      field(json, k + "_steady_records_per_cpu_s", b.steadyRecordsPerCpuSecond());
      field(json, k + "_records_per_cpu_s", b.recordsPerCpuSecond());
      field(json, k + "_startup_cpu_share", b.startupCpuShare());
      field(json, k + "_steady_jit_cpu_share", b.steadyJitShare());
      field(json, k + "_steady_records_per_non_jit_cpu_s", b.steadyRecordsPerNonJitCpuSecond());
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
          field(json, k + "_steady_jit_cpu_share", b.steadyJitShare());
          field(json, k + "_peak_rss_mb", b.peakRssBytes() / 1048576.0);
        }
      }
    }
    field(json, "startup_cpu_share_max", startupMax);
    json.append(",\"steady_state\":").append(startupMax < PeersReport.STARTUP_LIMIT);
    field(json, "sustained_rate_per_s", rate);
    json.append(",\"commit_interval_s\":").append(options.commitInterval().toSeconds());
    json.append(",\"parallelism\":").append(options.parallelism());
    json.append(",\"catalog\":\"").append(options.jdbc() ? "jdbc" : "hadoop").append('"');
    json.append(",\"avro\":").append(options.avroGenerator() != null);
    json.append(",\"static_schema\":\"")
        .append(options.staticKnowsDrift() ? "final" : "base")
        .append('"');
    json.append(",\"kc_bar\":").append(PeersReport.KC_BAR);
    json.append(",\"static_bar\":").append(PeersReport.STATIC_BAR);
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
