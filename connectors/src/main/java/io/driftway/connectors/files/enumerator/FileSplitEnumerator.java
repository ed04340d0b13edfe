package io.driftway.connectors.files.enumerator;

import io.driftway.connectors.files.split.FileSplit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands out the planned splits one at a time to whichever reader asks, so that fast readers take
 * more; a reader that asks when none are left is told there are no more, and the bounded job ends
 * when every reader is done. Splits of a failed reader come back and are handed out again.
 *
 * <p>Threading: Flink calls every method from the coordinator thread. Created by {@code
 * FileSource}; public only because the source lives in another package.
 *
 * <pre>{@code
 * SplitEnumerator<FileSplit, FileEnumeratorState> enumerator =
 *     new FileSplitEnumerator(context, plan.splits());
 * }</pre>
 */
@Internal
public final class FileSplitEnumerator implements SplitEnumerator<FileSplit, FileEnumeratorState> {

  private final SplitEnumeratorContext<FileSplit> context;
  private final Deque<FileSplit> unassigned;

  public FileSplitEnumerator(SplitEnumeratorContext<FileSplit> context, List<FileSplit> splits) {
    this.context = context;
    this.unassigned = new ArrayDeque<>(splits);
  }

  @Override
  public void start() {
    // Readers pull: nothing to do until one asks.
  }

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    if (!context.registeredReaders().containsKey(subtaskId)) {
      // The reader failed after asking; its replacement will ask again.
      return;
    }
    FileSplit next = unassigned.poll();
    if (next == null) {
      context.signalNoMoreSplits(subtaskId);
    } else {
      context.assignSplit(next, subtaskId);
    }
  }

  @Override
  public void addSplitsBack(List<FileSplit> splits, int subtaskId) {
    // Back at the front: these were handed out first and may be half read.
    for (int i = splits.size() - 1; i >= 0; i--) {
      unassigned.addFirst(splits.get(i));
    }
  }

  @Override
  public void addReader(int subtaskId) {
    // Readers ask for splits themselves when they start.
  }

  @Override
  public FileEnumeratorState snapshotState(long checkpointId) {
    return new FileEnumeratorState(List.copyOf(unassigned));
  }

  @Override
  public void close() {
    // Nothing held.
  }
}
