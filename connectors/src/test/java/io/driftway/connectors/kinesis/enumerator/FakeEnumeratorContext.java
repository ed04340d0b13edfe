package io.driftway.connectors.kinesis.enumerator;

import io.driftway.connectors.kinesis.split.KinesisShardSplit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * An enumerator context that runs async calls only when the test says so, in the test thread, and
 * records what the enumerator assigned and signalled.
 */
final class FakeEnumeratorContext implements SplitEnumeratorContext<KinesisShardSplit> {

  private final int parallelism;
  private final Map<Integer, ReaderInfo> readers = new HashMap<>();
  private final Map<Integer, List<KinesisShardSplit>> assigned = new HashMap<>();
  private final Set<Integer> noMoreSplits = new HashSet<>();
  private final List<Runnable> periodic = new ArrayList<>();
  private final Queue<Runnable> oneShot = new ArrayDeque<>();

  FakeEnumeratorContext(int parallelism) {
    this.parallelism = parallelism;
  }

  void registerReader(int subtask) {
    readers.put(subtask, new ReaderInfo(subtask, "localhost"));
  }

  void unregisterReader(int subtask) {
    readers.remove(subtask);
  }

  /** Runs every pending one-shot call and then each periodic call once. */
  void runDiscovery() {
    runOneShotCalls();
    periodic.forEach(Runnable::run);
  }

  /** Runs the pending one-shot calls, e.g. the extra listing after a shard ended. */
  int runOneShotCalls() {
    int ran = 0;
    while (!oneShot.isEmpty()) {
      oneShot.remove().run();
      ran++;
    }
    return ran;
  }

  int pendingOneShotCalls() {
    return oneShot.size();
  }

  /** Split ids handed to {@code subtask} so far. */
  List<String> assignedTo(int subtask) {
    return assigned.getOrDefault(subtask, List.of()).stream()
        .map(KinesisShardSplit::splitId)
        .toList();
  }

  /** Every split handed to {@code subtask} so far. */
  List<KinesisShardSplit> splitsOf(int subtask) {
    return assigned.getOrDefault(subtask, List.of());
  }

  boolean noMoreSplitsSignalled(int subtask) {
    return noMoreSplits.contains(subtask);
  }

  @Override
  public SplitEnumeratorMetricGroup metricGroup() {
    return UnregisteredMetricsGroup.createSplitEnumeratorMetricGroup();
  }

  @Override
  public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
    throw new UnsupportedOperationException("the enumerator sends no events");
  }

  @Override
  public int currentParallelism() {
    return parallelism;
  }

  @Override
  public Map<Integer, ReaderInfo> registeredReaders() {
    return Map.copyOf(readers);
  }

  @Override
  public void assignSplits(SplitsAssignment<KinesisShardSplit> newAssignment) {
    newAssignment
        .assignment()
        .forEach(
            (subtask, splits) -> {
              if (!readers.containsKey(subtask)) {
                throw new IllegalStateException("assigned to an unregistered reader: " + subtask);
              }
              assigned.computeIfAbsent(subtask, k -> new ArrayList<>()).addAll(splits);
            });
  }

  @Override
  public void signalNoMoreSplits(int subtask) {
    noMoreSplits.add(subtask);
  }

  @Override
  public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
    oneShot.add(() -> call(callable, handler));
  }

  @Override
  public <T> void callAsync(
      Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
    periodic.add(() -> call(callable, handler));
  }

  @Override
  public void runInCoordinatorThread(Runnable runnable) {
    runnable.run();
  }

  private static <T> void call(Callable<T> callable, BiConsumer<T, Throwable> handler) {
    T result;
    try {
      result = callable.call();
    } catch (Exception e) {
      handler.accept(null, e);
      return;
    }
    handler.accept(result, null);
  }
}
