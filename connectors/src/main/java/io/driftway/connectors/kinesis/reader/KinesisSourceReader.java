package io.driftway.connectors.kinesis.reader;

import io.driftway.connectors.kinesis.KinesisClientFactory;
import io.driftway.connectors.kinesis.KinesisRecordDeserializer;
import io.driftway.connectors.kinesis.KinesisStopPosition;
import io.driftway.connectors.kinesis.split.FinishReason;
import io.driftway.connectors.kinesis.split.FinishedShardsEvent;
import io.driftway.connectors.kinesis.split.KinesisShardSplit;
import io.driftway.connectors.kinesis.split.KinesisShardSplitState;
import io.driftway.connectors.metrics.PipelineMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The source reader of one parallel subtask: a single fetcher thread polls all of its shards, the
 * task thread emits their records.
 *
 * <p>Finished splits stay in this reader's checkpoints as tombstones until a checkpoint taken after
 * the finish completes. The enumerator's own snapshot of that checkpoint may predate the {@link
 * FinishedShardsEvent}; without the tombstone a restore would forget that the shard finished, and
 * its children would never be read. A restored tombstone is reported again, never read again.
 *
 * <p>Threading: Flink calls every method from the task thread. Created by {@code KinesisSource};
 * public only because the source lives in another package.
 *
 * <pre>{@code
 * SourceReader<T, KinesisShardSplit> reader = new KinesisSourceReader<>(context, clientFactory,
 *     deserializer, 10_000, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(5),
 *     null);
 * }</pre>
 *
 * @param <T> what the source emits
 */
@Internal
public final class KinesisSourceReader<T>
    extends SingleThreadMultiplexSourceReaderBase<
        Record, T, KinesisShardSplit, KinesisShardSplitState> {

  /** Tombstones not yet in any snapshot. */
  private final List<KinesisShardSplit> unsnapshottedTombstones = new ArrayList<>();

  /** Tombstones by the first checkpoint that contains them. */
  private final TreeMap<Long, List<KinesisShardSplit>> snapshottedTombstones = new TreeMap<>();

  /**
   * @param stopPosition where a bounded read stops, {@code null} for an unbounded one
   */
  public KinesisSourceReader(
      SourceReaderContext context,
      KinesisClientFactory clientFactory,
      KinesisRecordDeserializer<T> deserializer,
      int maxRecordsPerPoll,
      Duration pollInterval,
      Duration throttleBackoffBase,
      Duration throttleBackoffMax,
      KinesisStopPosition stopPosition) {
    this(
        context,
        clientFactory,
        deserializer,
        maxRecordsPerPoll,
        pollInterval,
        throttleBackoffBase,
        throttleBackoffMax,
        stopPosition,
        new ShardLag());
  }

  private KinesisSourceReader(
      SourceReaderContext context,
      KinesisClientFactory clientFactory,
      KinesisRecordDeserializer<T> deserializer,
      int maxRecordsPerPoll,
      Duration pollInterval,
      Duration throttleBackoffBase,
      Duration throttleBackoffMax,
      KinesisStopPosition stopPosition,
      ShardLag lag) {
    super(
        () ->
            new PollingShardSplitReader(
                clientFactory.create(),
                maxRecordsPerPoll,
                pollInterval,
                new ThrottleBackoff(
                    throttleBackoffBase,
                    throttleBackoffMax,
                    () -> ThreadLocalRandom.current().nextDouble()),
                stopPosition,
                Clock.systemUTC(),
                System::nanoTime,
                lag),
        new KinesisRecordEmitter<>(deserializer),
        context.getConfiguration(),
        context);
    context
        .metricGroup()
        .addGroup(PipelineMetrics.GROUP)
        .gauge(PipelineMetrics.MILLIS_BEHIND_LATEST, lag::maxMillisBehind);
  }

  @Override
  public void addSplits(List<KinesisShardSplit> splits) {
    List<KinesisShardSplit> toRead = new ArrayList<>(splits.size());
    Map<String, FinishReason> finished = new LinkedHashMap<>();
    for (KinesisShardSplit split : splits) {
      if (split.isFinished()) {
        unsnapshottedTombstones.add(split);
        finished.put(split.splitId(), split.finishReason().orElseThrow());
      } else {
        toRead.add(split);
      }
    }
    if (!finished.isEmpty()) {
      context.sendSourceEventToCoordinator(new FinishedShardsEvent(finished));
    }
    if (!toRead.isEmpty()) {
      super.addSplits(toRead);
    }
  }

  @Override
  protected void onSplitFinished(Map<String, KinesisShardSplitState> finishedSplits) {
    Map<String, FinishReason> finished = new LinkedHashMap<>();
    for (KinesisShardSplitState state : finishedSplits.values()) {
      KinesisShardSplit tombstone = state.toFinishedSplit();
      unsnapshottedTombstones.add(tombstone);
      finished.put(tombstone.splitId(), tombstone.finishReason().orElseThrow());
    }
    context.sendSourceEventToCoordinator(new FinishedShardsEvent(finished));
  }

  @Override
  public List<KinesisShardSplit> snapshotState(long checkpointId) {
    List<KinesisShardSplit> splits = new ArrayList<>(super.snapshotState(checkpointId));
    if (!unsnapshottedTombstones.isEmpty()) {
      snapshottedTombstones
          .computeIfAbsent(checkpointId, id -> new ArrayList<>())
          .addAll(unsnapshottedTombstones);
      unsnapshottedTombstones.clear();
    }
    snapshottedTombstones.values().forEach(splits::addAll);
    return splits;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    // The finish events went out before this checkpoint's reader snapshot, so the enumerator's
    // snapshot of every later checkpoint has seen them.
    snapshottedTombstones.headMap(checkpointId, true).clear();
    super.notifyCheckpointComplete(checkpointId);
  }

  @Override
  protected KinesisShardSplitState initializedState(KinesisShardSplit split) {
    return new KinesisShardSplitState(split);
  }

  @Override
  protected KinesisShardSplit toSplitType(String splitId, KinesisShardSplitState state) {
    return state.toSplit();
  }
}
