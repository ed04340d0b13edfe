package io.driftway.connectors.kinesis.enumerator;

import io.driftway.connectors.kinesis.KinesisStartingPosition;
import io.driftway.connectors.kinesis.split.FinishReason;
import io.driftway.connectors.kinesis.split.FinishedShardsEvent;
import io.driftway.connectors.kinesis.split.KinesisShardSplit;
import io.driftway.connectors.kinesis.split.ShardPosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the shards of the source's streams and hands them to readers as splits.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>The first listing of a stream applies the starting position; every shard found later (a
 *       child after resharding) is read from its beginning.
 *   <li>A split is handed out only when each of its parents is finished (or no longer listed, i.e.
 *       expired). Readers report finished splits with a {@link FinishedShardsEvent}; the reader
 *       keeps reporting them after a restore, so this rule survives failures.
 *   <li>Each split has a fixed owner, the hash of its id modulo the parallelism, so a restore with
 *       the same parallelism hands shards to the same subtasks.
 *   <li>In bounded mode, the children of a shard that stopped at the stop position are skipped, and
 *       readers get "no more splits" once nothing is left and a listing taken after the last shard
 *       end found nothing new.
 * </ul>
 *
 * <p>Threading: every method and every {@code callAsync} handler runs in the coordinator thread;
 * only the listing itself ({@link #listAll()}) runs in the worker thread. Created by {@code
 * KinesisSource}; public only because the source lives in another package.
 *
 * <pre>{@code
 * SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> enumerator =
 *     new KinesisShardEnumerator(context, List.of("orders"), KinesisStartingPosition.latest(),
 *         false, Duration.ofSeconds(10), () -> ShardLister.of(client), Clock.systemUTC(), null);
 * }</pre>
 */
@Internal
public final class KinesisShardEnumerator
    implements SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisShardEnumerator.class);

  private final SplitEnumeratorContext<KinesisShardSplit> context;
  private final List<String> streams;
  private final KinesisStartingPosition startingPosition;
  private final boolean bounded;
  private final Duration discoveryInterval;
  private final Supplier<ShardLister> listerFactory;
  private final Clock clock;

  private final Set<String> discoveredStreams = new HashSet<>();
  private final Map<String, KinesisShardSplit> unassigned = new LinkedHashMap<>();
  private final Set<String> assigned = new HashSet<>();
  private final Map<String, FinishReason> finished = new HashMap<>();

  /**
   * Bumped for every shard that ended. A listing remembers the value it started with, so the
   * enumerator knows whether a listing can already contain the children of every ended shard.
   * Written in the coordinator thread, read in the worker thread.
   */
  private final AtomicLong shardEndGeneration = new AtomicLong();

  private long listedGeneration = -1;
  private boolean extraListingPending;
  private boolean noMoreSplits;
  private ShardLister lister;

  /**
   * @param restored the checkpointed state, or {@code null} for a fresh job
   */
  public KinesisShardEnumerator(
      SplitEnumeratorContext<KinesisShardSplit> context,
      List<String> streams,
      KinesisStartingPosition startingPosition,
      boolean bounded,
      Duration discoveryInterval,
      Supplier<ShardLister> listerFactory,
      Clock clock,
      KinesisEnumeratorState restored) {
    this.context = Objects.requireNonNull(context, "context");
    this.streams = List.copyOf(streams);
    this.startingPosition = Objects.requireNonNull(startingPosition, "startingPosition");
    this.bounded = bounded;
    this.discoveryInterval = Objects.requireNonNull(discoveryInterval, "discoveryInterval");
    this.listerFactory = Objects.requireNonNull(listerFactory, "listerFactory");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (restored != null) {
      discoveredStreams.addAll(restored.discoveredStreams());
      for (KinesisShardSplit split : restored.unassignedSplits()) {
        // A stream dropped from the job's configuration is not read any further.
        if (this.streams.contains(split.stream())) {
          unassigned.put(split.splitId(), split);
        }
      }
      assigned.addAll(restored.assignedSplitIds());
      finished.putAll(restored.finishedSplitIds());
    }
  }

  @Override
  public void start() {
    lister = listerFactory.get();
    context.callAsync(this::listAll, this::onListing, 0, discoveryInterval.toMillis());
  }

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    // Splits are pushed when they become eligible; readers never ask.
  }

  @Override
  public void addSplitsBack(List<KinesisShardSplit> splits, int subtaskId) {
    // Splits handed out after the last checkpoint of a failed reader: that reader restarts from
    // the checkpoint without them, so they go back to the pool with their original position.
    for (KinesisShardSplit split : splits) {
      assigned.remove(split.splitId());
      if (!finished.containsKey(split.splitId())) {
        unassigned.put(split.splitId(), split);
      }
    }
    assignEligibleSplits();
  }

  @Override
  public void addReader(int subtaskId) {
    assignEligibleSplits();
    if (noMoreSplits) {
      context.signalNoMoreSplits(subtaskId);
    }
  }

  @Override
  public void handleSourceEvent(int subtaskId, SourceEvent event) {
    if (!(event instanceof FinishedShardsEvent finishedShards)) {
      LOG.warn("Ignoring unknown source event from subtask {}: {}", subtaskId, event);
      return;
    }
    boolean shardEnded = false;
    for (Map.Entry<String, FinishReason> entry : finishedShards.finished().entrySet()) {
      assigned.remove(entry.getKey());
      unassigned.remove(entry.getKey());
      FinishReason earlier = finished.putIfAbsent(entry.getKey(), entry.getValue());
      shardEnded |= earlier == null && entry.getValue() == FinishReason.SHARD_END;
    }
    if (shardEnded) {
      shardEndGeneration.incrementAndGet();
      // The children of a shard that just closed may not have been listed yet: look now rather
      // than at the next interval.
      listSoon();
    }
    assignEligibleSplits();
    signalNoMoreSplitsWhenDone();
  }

  @Override
  public KinesisEnumeratorState snapshotState(long checkpointId) {
    return KinesisEnumeratorState.of(
        discoveredStreams, new ArrayList<>(unassigned.values()), assigned, finished);
  }

  @Override
  public void close() {
    if (lister != null) {
      lister.close();
    }
  }

  /** The shards of every stream; runs in the worker thread. */
  private Listing listAll() {
    long generation = shardEndGeneration.get();
    Map<String, List<DiscoveredShard>> shards = new LinkedHashMap<>();
    for (String stream : streams) {
      shards.put(stream, lister.listShards(stream));
    }
    return new Listing(generation, shards);
  }

  private void listSoon() {
    if (!extraListingPending) {
      extraListingPending = true;
      context.callAsync(
          this::listAll,
          (listing, error) -> {
            extraListingPending = false;
            onListing(listing, error);
          });
    }
  }

  private void onListing(Listing listing, Throwable error) {
    if (error != null) {
      if (!discoveredStreams.containsAll(streams)) {
        // Nothing can be read without a first listing: a missing stream or bad credentials.
        throw new FlinkRuntimeException(
            "Cannot list Kinesis shards: " + error.getMessage() + ": " + streams, error);
      }
      LOG.warn("Cannot list Kinesis shards, retrying at the next discovery: {}", streams, error);
      return;
    }
    Instant now = clock.instant();
    for (Map.Entry<String, List<DiscoveredShard>> entry : listing.shards().entrySet()) {
      addNewShards(entry.getKey(), entry.getValue(), now);
    }
    listedGeneration = Math.max(listedGeneration, listing.generation());
    assignEligibleSplits();
    signalNoMoreSplitsWhenDone();
  }

  private void addNewShards(String stream, List<DiscoveredShard> shards, Instant now) {
    boolean firstListing = discoveredStreams.add(stream);
    Set<String> listed = new HashSet<>();
    for (DiscoveredShard shard : shards) {
      String id = KinesisShardSplit.splitId(stream, shard.shardId());
      listed.add(id);
      if (unassigned.containsKey(id) || assigned.contains(id) || finished.containsKey(id)) {
        continue;
      }
      if (firstListing
          && shard.closed()
          && startingPosition.kind() == KinesisStartingPosition.Kind.LATEST) {
        // Nothing will ever arrive in a closed shard: "latest" has nothing to read there.
        finished.put(id, FinishReason.SHARD_END);
        continue;
      }
      ShardPosition position = firstListing ? initialPosition(now) : ShardPosition.trimHorizon();
      unassigned.put(
          id, KinesisShardSplit.of(stream, shard.shardId(), shard.parentShardIds(), position));
    }
    // Shards past the retention period drop out of the listing; forget them so the finished set
    // does not grow for the lifetime of the job. Their children treat them as finished anyway.
    String prefix = KinesisShardSplit.splitId(stream, "");
    finished.keySet().removeIf(id -> id.startsWith(prefix) && !listed.contains(id));
  }

  private ShardPosition initialPosition(Instant now) {
    return switch (startingPosition.kind()) {
      case TRIM_HORIZON -> ShardPosition.trimHorizon();
      case AT_TIMESTAMP -> ShardPosition.atTimestamp(startingPosition.timestamp().orElseThrow());
      // See ShardPosition: "latest" as a timestamp keeps a restore before the first record exact.
      case LATEST -> ShardPosition.atTimestamp(now);
    };
  }

  private void assignEligibleSplits() {
    Map<Integer, List<KinesisShardSplit>> assignment = new HashMap<>();
    boolean skippedSome = true;
    // Skipping a split can make its own children skippable: repeat until nothing changes.
    while (skippedSome) {
      skippedSome = false;
      Iterator<KinesisShardSplit> pending = unassigned.values().iterator();
      while (pending.hasNext()) {
        KinesisShardSplit split = pending.next();
        Parents parents = parentsOf(split);
        if (parents == Parents.UNFINISHED) {
          continue;
        }
        if (parents == Parents.STOPPED) {
          pending.remove();
          finished.put(split.splitId(), FinishReason.STOP_POSITION);
          skippedSome = true;
          continue;
        }
        int owner = ownerOf(split.splitId(), context.currentParallelism());
        if (context.registeredReaders().containsKey(owner)) {
          pending.remove();
          assigned.add(split.splitId());
          assignment.computeIfAbsent(owner, k -> new ArrayList<>()).add(split);
        }
      }
    }
    if (!assignment.isEmpty()) {
      LOG.info("Assigning Kinesis shards: {}", assignment);
      context.assignSplits(new SplitsAssignment<>(assignment));
    }
  }

  private Parents parentsOf(KinesisShardSplit split) {
    Parents result = Parents.FINISHED;
    for (String parentShardId : split.parentShardIds()) {
      String parent = KinesisShardSplit.splitId(split.stream(), parentShardId);
      if (unassigned.containsKey(parent) || assigned.contains(parent)) {
        return Parents.UNFINISHED;
      }
      if (finished.get(parent) == FinishReason.STOP_POSITION) {
        result = Parents.STOPPED;
      }
    }
    return result;
  }

  private void signalNoMoreSplitsWhenDone() {
    if (!bounded
        || noMoreSplits
        || !discoveredStreams.containsAll(streams)
        || !unassigned.isEmpty()
        || !assigned.isEmpty()) {
      return;
    }
    if (listedGeneration < shardEndGeneration.get()) {
      listSoon();
      return;
    }
    noMoreSplits = true;
    LOG.info("Every Kinesis shard reached its end or stop position: {}", streams);
    for (int reader : context.registeredReaders().keySet()) {
      context.signalNoMoreSplits(reader);
    }
  }

  /** The subtask that reads a split: stable for a given parallelism. */
  static int ownerOf(String splitId, int parallelism) {
    return Math.floorMod(splitId.hashCode(), parallelism);
  }

  private enum Parents {
    FINISHED,
    UNFINISHED,
    STOPPED
  }

  /** One listing of every stream, with the shard-end generation it started at. */
  private record Listing(long generation, Map<String, List<DiscoveredShard>> shards) {}
}
