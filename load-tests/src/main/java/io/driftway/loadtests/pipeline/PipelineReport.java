package io.driftway.loadtests.pipeline;

import io.driftway.loadtests.pipeline.PipelineBench.Run;
import io.driftway.loadtests.report.Spread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What {@link PipelineBench} prints once its runs are over: the table of runs, the ratio against
 * the static job with its spread, freshness, and the closing JSON line. Called only from the
 * bench's main thread, after the cluster and the broker are down.
 */
final class PipelineReport {

  static final double STATIC_BAR = 1.2;
  static final double STARTUP_LIMIT = 0.10;

  private PipelineReport() {}

  static void print(
      long records,
      List<Run> driftwayRuns,
      List<Run> baselineRuns,
      TableWatch.Freshness freshness,
      Duration checkpoint,
      double benchSeconds) {
    Spread ratio = Spread.ofRatios(driftwayRuns, baselineRuns, Run::steadyRecordsPerCpuSecond);
    Spread total = Spread.ofRatios(driftwayRuns, baselineRuns, Run::recordsPerCpuSecond);
    Run driftway = typical(driftwayRuns);
    Run baseline = typical(baselineRuns);
    double startupMax =
        Stream.concat(driftwayRuns.stream(), baselineRuns.stream())
            .mapToDouble(Run::startupCpuShare)
            .max()
            .orElseThrow();
    double interval = checkpoint.toMillis() / 1000.0;
    System.out.printf(
        Locale.ROOT,
        "%-5s %-10s %12s %10s %8s %10s %14s %14s %14s%n",
        "round",
        "job",
        "records",
        "cpu_s",
        "startup",
        "wall_s",
        "steady/cpu_s",
        "records/cpu_s",
        "records/s");
    for (int round = 0; round < driftwayRuns.size(); round++) {
      for (Run run : List.of(driftwayRuns.get(round), baselineRuns.get(round))) {
        System.out.printf(
            Locale.ROOT,
            "%5d %-10s %12d %10.1f %7.0f%% %10.1f %14.0f %14.0f %14.0f%n",
            round + 1,
            run.job(),
            run.records(),
            run.cpuSeconds(),
            100 * run.startupCpuShare(),
            run.wallSeconds(),
            run.steadyRecordsPerCpuSecond(),
            run.recordsPerCpuSecond(),
            run.recordsPerSecond());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "ratio vs static, records per CPU-second after the first commit, median (min..max) of"
            + " per-round ratios: %s (bar %.1f); whole run %s; start-up at most %.0f%% of a run's"
            + " CPU%s%n",
        ratio.describe(),
        STATIC_BAR,
        total.describe(),
        100 * startupMax,
        startupMax < STARTUP_LIMIT
            ? ""
            : " (over 10%: not a steady-state run; raise BENCH_RECORDS for headline figures)");
    System.out.printf(
        Locale.ROOT,
        "freshness at %.0f records/s: p50 %.2f s, p99 %.2f s, max %.2f s over %d commits (bar p99"
            + " <= %.1f s)%n",
        freshness.rate(),
        freshness.p50(),
        freshness.p99(),
        freshness.max(),
        freshness.commits(),
        interval + 1);
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"bench\":\"pipeline\",\"records\":%d,\"rounds\":%d,"
                + "\"ratio_vs_static\":%.3f,\"ratio_vs_static_min\":%.3f,"
                + "\"ratio_vs_static_max\":%.3f,\"total_ratio_vs_static\":%.3f,"
                + "\"steady_records_per_cpu_s\":%.1f,\"baseline_steady_records_per_cpu_s\":%.1f,"
                + "\"records_per_cpu_s\":%.1f,\"baseline_records_per_cpu_s\":%.1f,"
                + "\"startup_cpu_share\":%.3f,\"baseline_startup_cpu_share\":%.3f,"
                + "\"startup_cpu_share_max\":%.3f,\"steady_state\":%b,"
                + "\"records_per_s\":%.1f,\"baseline_records_per_s\":%.1f,"
                + "\"peak_records_per_s\":%.1f,\"baseline_peak_records_per_s\":%.1f,"
                + "\"wall_s\":%.2f,\"baseline_wall_s\":%.2f,"
                + "\"cpu_s\":%.2f,\"baseline_cpu_s\":%.2f,"
                + "\"freshness_rate_per_s\":%.1f,\"freshness_records\":%d,"
                + "\"freshness_p50_s\":%.3f,\"freshness_p99_s\":%.3f,\"freshness_max_s\":%.3f,"
                + "\"freshness_commit_p99_s\":%.3f,"
                + "\"checkpoint_interval_s\":%.1f,\"freshness_p99_over_checkpoint_s\":%.3f,"
                + "\"ratio_bar\":%.1f,\"bars_met\":%b,\"parallelism\":%d,\"bench_s\":%.1f}",
            records,
            driftwayRuns.size(),
            ratio.median(),
            ratio.min(),
            ratio.max(),
            total.median(),
            driftway.steadyRecordsPerCpuSecond(),
            baseline.steadyRecordsPerCpuSecond(),
            driftway.recordsPerCpuSecond(),
            baseline.recordsPerCpuSecond(),
            driftway.startupCpuShare(),
            baseline.startupCpuShare(),
            startupMax,
            startupMax < STARTUP_LIMIT,
            driftway.recordsPerSecond(),
            baseline.recordsPerSecond(),
            driftway.peakRecordsPerSecond(),
            baseline.peakRecordsPerSecond(),
            driftway.wallSeconds(),
            baseline.wallSeconds(),
            driftway.cpuSeconds(),
            baseline.cpuSeconds(),
            freshness.rate(),
            freshness.records(),
            freshness.p50(),
            freshness.p99(),
            freshness.max(),
            freshness.commitP99(),
            interval,
            freshness.p99() - interval,
            STATIC_BAR,
            // The bars are steady-state bars: a run mostly made of start-up does not meet them.
            startupMax < STARTUP_LIMIT
                && ratio.median() >= STATIC_BAR
                && freshness.p99() - interval <= 1.0,
            PipelineBench.PARALLELISM,
            benchSeconds));
  }

  /** The run whose records per CPU-second after the first commit is the median of the rounds. */
  private static Run typical(List<Run> runs) {
    List<Run> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(Run::steadyRecordsPerCpuSecond));
    return sorted.get(sorted.size() / 2);
  }
}
