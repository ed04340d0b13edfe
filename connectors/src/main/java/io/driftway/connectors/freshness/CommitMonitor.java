package io.driftway.connectors.freshness;

import io.driftway.connectors.metrics.PipelineMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.flink.CatalogLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches each table's newest committed snapshot, keyed by table ({@code database.table}): the
 * gauge {@code newest_commit_age_seconds}, and for a table with a freshness SLO the alerts {@code
 * freshness_breached} and {@code freshness_recovered}.
 *
 * <p>A table breaches its SLO when input is flowing (a row reached its writer within the last SLO)
 * and neither its newest commit nor the start of the current input flow is within the SLO: input
 * that resumes after a pause is given one SLO to be committed. It recovers when a commit is within
 * the SLO again, or when everything seen was committed. Breach and recovery each send one alert;
 * the open breach is checkpointed, so a restart does not send it again.
 *
 * <p>The catalog is read from a processing-time timer, every quarter of the SLO (between 1 and 15
 * seconds; 15 seconds without an SLO). A failed read keeps the last known commit time and is
 * logged; this operator observes and never fails the job.
 *
 * <pre>{@code
 * rows.getSideOutput(TrackAndConform.ACTIVITY)
 *     .keyBy(TableActivity::table)
 *     .process(new CommitMonitor(catalogLoader, "orders", Map.of("sales.orders", Duration.ofMinutes(2))))
 *     .setParallelism(1);
 * }</pre>
 */
public final class CommitMonitor
    extends KeyedProcessFunction<String, TableActivity, FreshnessAlert> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CommitMonitor.class);

  static final Duration MIN_CHECK = Duration.ofSeconds(1);
  static final Duration MAX_CHECK = Duration.ofSeconds(15);

  private final CatalogLoader catalogLoader;
  private final String pipeline;
  private final HashMap<String, Duration> slos;

  private transient Catalog catalog;
  private transient PipelineMetrics metrics;
  private transient Set<String> registered;
  private transient Map<String, Long> newestCommit;
  private transient Map<String, Integer> breachedNow;
  private transient ValueState<Long> lastInput;
  private transient ValueState<Long> flowStart;
  private transient ValueState<Long> breachedSince;
  private transient ValueState<Long> nextCheck;

  /**
   * @param slos freshness SLO by table ({@code database.table}); tables without one get the gauge
   *     only
   */
  public CommitMonitor(CatalogLoader catalogLoader, String pipeline, Map<String, Duration> slos) {
    this.catalogLoader = catalogLoader;
    this.pipeline = pipeline;
    this.slos = new HashMap<>(slos);
  }

  /** How often a table's newest commit is read. */
  static Duration checkEvery(Duration slo) {
    if (slo == null) {
      return MAX_CHECK;
    }
    Duration quarter = slo.dividedBy(4);
    if (quarter.compareTo(MIN_CHECK) < 0) {
      return MIN_CHECK;
    }
    return quarter.compareTo(MAX_CHECK) > 0 ? MAX_CHECK : quarter;
  }

  @Override
  public void open(OpenContext context) {
    catalog = catalogLoader.loadCatalog();
    metrics = PipelineMetrics.on(getRuntimeContext().getMetricGroup());
    registered = new HashSet<>();
    newestCommit = new ConcurrentHashMap<>();
    breachedNow = new ConcurrentHashMap<>();
    lastInput = state("last-input");
    flowStart = state("flow-start");
    breachedSince = state("breached-since");
    nextCheck = state("next-check");
  }

  private ValueState<Long> state(String name) {
    return getRuntimeContext().getState(new ValueStateDescriptor<>(name, Types.LONG));
  }

  @Override
  public void processElement(TableActivity activity, Context context, Collector<FreshnessAlert> out)
      throws Exception {
    String table = context.getCurrentKey();
    Duration slo = slos.get(table);
    Long previous = lastInput.value();
    if (previous == null || activity.atMillis() > previous) {
      lastInput.update(activity.atMillis());
      if (previous == null || (slo != null && activity.atMillis() - previous > slo.toMillis())) {
        flowStart.update(activity.atMillis());
      }
    }
    if (nextCheck.value() == null) {
      long now = context.timerService().currentProcessingTime();
      check(table, slo, now, out);
      schedule(context, slo, now);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<FreshnessAlert> out)
      throws Exception {
    String table = context.getCurrentKey();
    Duration slo = slos.get(table);
    long now = context.timerService().currentProcessingTime();
    check(table, slo, now, out);
    schedule(context, slo, now);
  }

  private void schedule(Context context, Duration slo, long now) throws Exception {
    long at = now + checkEvery(slo).toMillis();
    nextCheck.update(at);
    context.timerService().registerProcessingTimeTimer(at);
  }

  private void check(String table, Duration slo, long now, Collector<FreshnessAlert> out)
      throws Exception {
    register(table, slo);
    Long newest = readNewestCommit(table);
    if (newest != null) {
      newestCommit.put(table, newest);
    } else {
      newest = newestCommit.get(table);
    }
    if (slo == null) {
      return;
    }
    long limit = slo.toMillis();
    Long input = lastInput.value();
    Long open = breachedSince.value();
    if (open == null) {
      boolean flowing = input != null && now - input <= limit;
      long reference = Math.max(newest == null ? Long.MIN_VALUE : newest, orZero(flowStart));
      if (flowing && now - reference > limit) {
        breachedSince.update(now);
        breachedNow.put(table, 1);
        out.collect(
            FreshnessAlert.breached(pipeline, table, slo, instant(newest), instant(input), now));
      }
    } else if (newest != null && (now - newest <= limit || (input != null && newest >= input))) {
      breachedSince.clear();
      breachedNow.put(table, 0);
      out.collect(
          FreshnessAlert.recovered(
              pipeline,
              table,
              slo,
              instant(newest),
              instant(input),
              now,
              Instant.ofEpochMilli(open)));
    } else {
      breachedNow.put(table, 1);
    }
  }

  private void register(String table, Duration slo) {
    if (registered.add(table)) {
      metrics
          .tableGroup(table)
          .gauge(
              PipelineMetrics.NEWEST_COMMIT_AGE,
              () -> {
                Long newest = newestCommit.get(table);
                return newest == null
                    ? Double.NaN
                    : Math.max(0, System.currentTimeMillis() - newest) / 1000.0;
              });
      if (slo != null) {
        metrics
            .tableGroup(table)
            .gauge(PipelineMetrics.FRESHNESS_BREACHED, () -> breachedNow.getOrDefault(table, 0));
      }
    }
  }

  /** The commit time of the table's current snapshot; null when unknown (logged). */
  private Long readNewestCommit(String table) {
    try {
      Snapshot snapshot = catalog.loadTable(TableIdentifier.parse(table)).currentSnapshot();
      return snapshot == null ? null : snapshot.timestampMillis();
    } catch (NoSuchTableException e) {
      return null;
    } catch (RuntimeException e) {
      // Observation only: an unreachable catalog must not fail the job that writes the table.
      LOG.warn("Cannot read the newest commit of {}: {}", table, e.toString());
      return null;
    }
  }

  private static long orZero(ValueState<Long> state) throws Exception {
    Long value = state.value();
    return value == null ? 0L : value;
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
