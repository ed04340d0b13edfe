package io.driftway.catalogbridge.metrics;

import io.driftway.catalogbridge.model.JobRunState;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The catalog bridge's metrics, on its own Prometheus registry (never the JVM-wide default, so two
 * bridges in one JVM do not mix): requests by operation and outcome, their latency, Iceberg commits
 * ({@code UpdateTable}) and their {@code VersionId} conflicts, and job runs by state. The names are
 * public API, listed in {@link #NAMES} and the README.
 *
 * <p>Thread-safe: request threads record, the {@code /metrics} handler writes.
 *
 * <pre>{@code
 * BridgeMetrics metrics = BridgeMetrics.create(operations, store::countJobRunsByState);
 * metrics.request("GetTable", BridgeMetrics.OK, elapsedNanos);
 * metrics.write(out); // Prometheus text format 0.0.4
 * }</pre>
 */
public final class BridgeMetrics {

  /** The outcome label of a request that succeeded; failed ones carry Glue's error type. */
  public static final String OK = "ok";

  /** The operation label of a request that named no operation this bridge serves. */
  public static final String UNKNOWN = "unknown";

  public static final String REQUESTS = "driftway_bridge_requests_total";
  public static final String REQUEST_SECONDS = "driftway_bridge_request_duration_seconds";
  public static final String COMMITS = "driftway_bridge_commits_total";
  public static final String COMMIT_CONFLICTS = "driftway_bridge_commit_conflicts_total";
  public static final String JOB_RUNS = "driftway_bridge_job_runs";

  /**
   * Every metric name as Prometheus stores it (a histogram as its {@code _bucket}, {@code _sum} and
   * {@code _count} series).
   */
  public static final List<String> NAMES =
      List.of(
          REQUESTS,
          REQUEST_SECONDS + "_bucket",
          REQUEST_SECONDS + "_sum",
          REQUEST_SECONDS + "_count",
          COMMITS,
          COMMIT_CONFLICTS,
          JOB_RUNS);

  /** The content type of {@link #write}. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private static final String UPDATE_TABLE = "UpdateTable";
  private static final String CONFLICT = "ConcurrentModificationException";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Set<String> operations;
  private final Counter requests;
  private final Histogram latency;
  private final Counter commits;
  private final Counter conflicts;
  private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);

  // Each request's data points, looked up once per operation: labelValues hashes a label list on
  // every call. Bounded by the operations served (anything else counts as UNKNOWN).
  private final Map<String, CounterDataPoint> answered = new ConcurrentHashMap<>();
  private final Map<String, DistributionDataPoint> latencies = new ConcurrentHashMap<>();

  private BridgeMetrics(Set<String> operations, Supplier<Map<JobRunState, Long>> jobRuns) {
    this.operations = Set.copyOf(operations);
    requests =
        Counter.builder()
            .name(REQUESTS)
            .help("Glue API requests by operation and outcome (ok, or the Glue error type)")
            .labelNames("operation", "outcome")
            .register(registry);
    latency =
        Histogram.builder()
            .name(REQUEST_SECONDS)
            .help("Time from a request's arrival to its answer, by operation")
            .unit(Unit.SECONDS)
            .labelNames("operation")
            .classicOnly()
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
            .register(registry);
    commits =
        Counter.builder()
            .name(COMMITS)
            .help("UpdateTable calls that succeeded (each Iceberg commit through Glue is one)")
            .register(registry);
    conflicts =
        Counter.builder()
            .name(COMMIT_CONFLICTS)
            .help("UpdateTable calls refused because the table's VersionId had moved")
            .register(registry);
    GaugeWithCallback.builder()
        .name(JOB_RUNS)
        .help("Job runs in the store by state")
        .labelNames("state")
        .callback(
            callback -> {
              Map<JobRunState, Long> counts = jobRuns.get();
              for (JobRunState state : JobRunState.values()) {
                callback.call(counts.getOrDefault(state, 0L), state.name());
              }
            })
        .register(registry);
  }

  /**
   * Metrics of a bridge serving {@code operations}, reading job-run counts from {@code jobRuns} at
   * each scrape.
   */
  public static BridgeMetrics create(
      Set<String> operations, Supplier<Map<JobRunState, Long>> jobRuns) {
    return new BridgeMetrics(operations, jobRuns);
  }

  /**
   * Records one answered request.
   *
   * @param operation the X-Amz-Target operation; anything this bridge does not serve counts as
   *     {@link #UNKNOWN}, so a client cannot grow the label set
   * @param outcome {@link #OK} or the Glue error type of the answer
   */
  public void request(String operation, String outcome, long elapsedNanos) {
    String op = operations.contains(operation) ? operation : UNKNOWN;
    CounterDataPoint count =
        OK.equals(outcome)
            ? answered.computeIfAbsent(op, o -> requests.labelValues(o, OK))
            : requests.labelValues(op, outcome);
    count.inc();
    latencies.computeIfAbsent(op, latency::labelValues).observe(elapsedNanos / 1e9);
    if (UPDATE_TABLE.equals(op)) {
      if (OK.equals(outcome)) {
        commits.inc();
      } else if (CONFLICT.equals(outcome)) {
        conflicts.inc();
      }
    }
  }

  /** Writes every metric in the Prometheus text format. */
  public void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }
}
