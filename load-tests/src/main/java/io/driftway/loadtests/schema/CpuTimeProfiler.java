package io.driftway.loadtests.schema;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports each iteration's operations per CPU-second of the benchmark's own
 * threads (JMH's {@code jmh-worker} threads), as the secondary result {@value #RESULT}.
 *
 * <p>On a machine whose cores other processes share, wall-clock throughput measures the machine as
 * much as the code: a benchmark thread that waits for a core does no work, but its iteration's
 * clock runs. CPU time counts only what the benchmark's threads spent. The JVM's other threads are
 * left out on purpose: right after warm-up the JIT compiler is often still compiling the larger
 * paths, and its CPU would weigh on whichever path compiles last rather than on what each operation
 * costs (garbage collection, also left out, is small next to it for these short-lived objects).
 *
 * <pre>{@code
 * new OptionsBuilder().include(...).addProfiler(CpuTimeProfiler.class).build();
 * }</pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {

  /** The secondary result's name. */
  public static final String RESULT = "ops_per_cpu_s";

  private static final String WORKER = "-jmh-worker-";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> atStart = Map.of();

  @Override
  public String getDescription() {
    return "operations per CPU-second of the benchmark threads";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    atStart = workerCpu();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's interface declares the raw type
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = 0;
    for (Map.Entry<Long, Long> worker : workerCpu().entrySet()) {
      // A worker started during the iteration counts from zero.
      cpu += worker.getValue() - atStart.getOrDefault(worker.getKey(), 0L);
    }
    double ops = result.getMetadata().getMeasuredOps();
    double perCpuSecond = cpu <= 0 ? Double.NaN : ops / (cpu / 1e9);
    return List.of(new ScalarResult(RESULT, perCpuSecond, "ops/cpu-s", AggregationPolicy.AVG));
  }

  /** CPU nanoseconds so far of each live JMH worker thread, by thread id. */
  private Map<Long, Long> workerCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(WORKER)) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          cpu.put(info.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }
}
