package io.driftway.connectors.kinesis.reader;

import io.driftway.connectors.kinesis.KinesisStopPosition;
import io.driftway.connectors.kinesis.split.KinesisShardSplit;
import io.driftway.connectors.kinesis.split.ShardPosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads the shards of one reader with {@code GetRecords}, one shard per {@link #fetch()} call in
 * turn. Runs in the reader's single fetcher thread: {@link #fetch()} and {@link
 * #handleSplitsChanges} are called only from it; {@link #wakeUp()} from any thread.
 *
 * <p>Per shard it keeps the current iterator and the last fetched sequence number. An expired
 * iterator is replaced by one right after that sequence number (or at the split's position when
 * nothing was fetched yet); a throttled shard waits with {@link ThrottleBackoff} while the others
 * go on. Calls on one shard are always a poll interval apart: Kinesis allows 5 per second and
 * shard, shared by every consumer, and a batch of up to 10000 records per call is more than a
 * shard's 2 MB/s read limit at the default 200 ms.
 */
final class PollingShardSplitReader implements SplitReader<Record, KinesisShardSplit> {

  /**
   * Emitted after the last record of a closed shard, so the task thread learns that the shard ended
   * (its children may be read) rather than stopped. Compared by identity only.
   */
  static final Record SHARD_END = Record.builder().sequenceNumber("<shard-end>").build();

  /** Whether {@code record} is the {@link #SHARD_END} marker. */
  static boolean isShardEnd(Record record) {
    return SHARD_END.sequenceNumber().equals(record.sequenceNumber());
  }

  private static final Logger LOG = LoggerFactory.getLogger(PollingShardSplitReader.class);

  private final KinesisClient client;
  private final int maxRecords;
  private final Duration pollInterval;
  private final ThrottleBackoff backoff;
  private final KinesisStopPosition stopPosition;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final ShardLag lag;

  private final Map<String, ShardCursor> cursors = new LinkedHashMap<>();
  private final BlockingQueue<Boolean> wakeUps = new LinkedBlockingQueue<>();
  private List<ShardCursor> turn = new ArrayList<>();
  private int next;

  /**
   * @param stopPosition where a bounded read stops, {@code null} for an unbounded one
   */
  PollingShardSplitReader(
      KinesisClient client,
      int maxRecords,
      Duration pollInterval,
      ThrottleBackoff backoff,
      KinesisStopPosition stopPosition,
      Clock clock,
      LongSupplier nanoTime) {
    this(client, maxRecords, pollInterval, backoff, stopPosition, clock, nanoTime, new ShardLag());
  }

  /**
   * @param lag receives each shard's {@code MillisBehindLatest}
   */
  PollingShardSplitReader(
      KinesisClient client,
      int maxRecords,
      Duration pollInterval,
      ThrottleBackoff backoff,
      KinesisStopPosition stopPosition,
      Clock clock,
      LongSupplier nanoTime,
      ShardLag lag) {
    this.lag = lag;
    this.client = client;
    this.maxRecords = maxRecords;
    this.pollInterval = pollInterval;
    this.backoff = backoff;
    this.stopPosition = stopPosition;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  @Override
  public RecordsWithSplitIds<Record> fetch() {
    if (cursors.isEmpty()) {
      return nothing();
    }
    long now = nanoTime.getAsLong();
    ShardCursor cursor = nextReady(now);
    if (cursor == null) {
      awaitNextPoll(now);
      return nothing();
    }
    return poll(cursor, now);
  }

  @Override
  public void handleSplitsChanges(SplitsChange<KinesisShardSplit> change) {
    if (!(change instanceof SplitsAddition)) {
      throw new UnsupportedOperationException(
          "Cannot change Kinesis splits: only additions are supported: " + change);
    }
    long now = nanoTime.getAsLong();
    for (KinesisShardSplit split : change.splits()) {
      cursors.put(split.splitId(), new ShardCursor(split, now));
    }
    turn = new ArrayList<>(cursors.values());
  }

  @Override
  public void wakeUp() {
    wakeUps.offer(Boolean.TRUE);
  }

  @Override
  public void close() {
    client.close();
  }

  private ShardCursor nextReady(long now) {
    for (int i = 0; i < turn.size(); i++) {
      ShardCursor cursor = turn.get((next + i) % turn.size());
      if (now - cursor.readyAtNanos >= 0) {
        next = (next + i + 1) % turn.size();
        return cursor;
      }
    }
    return null;
  }

  private void awaitNextPoll(long now) {
    long wait = Long.MAX_VALUE;
    for (ShardCursor cursor : turn) {
      wait = Math.min(wait, cursor.readyAtNanos - now);
    }
    try {
      // A wake-up (new splits, shutdown) ends the wait early; a stale one only costs a loop.
      wakeUps.poll(Math.max(wait, 0), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private RecordsWithSplitIds<Record> poll(ShardCursor cursor, long now) {
    GetRecordsResponse response;
    try {
      if (cursor.iterator == null) {
        cursor.iterator = shardIterator(cursor);
      }
      String iterator = cursor.iterator;
      response = client.getRecords(b -> b.shardIterator(iterator).limit(maxRecords));
      cursor.throttledCalls = 0;
    } catch (ExpiredIteratorException e) {
      LOG.info("Shard iterator expired, renewing it: {}", cursor.split.splitId());
      cursor.iterator = null;
      cursor.readyAtNanos = now;
      return nothing();
    } catch (ProvisionedThroughputExceededException | LimitExceededException e) {
      Duration wait = backoff.delay(cursor.throttledCalls++);
      LOG.debug("Kinesis throttled {}, waiting {}", cursor.split.splitId(), wait);
      cursor.readyAtNanos = now + wait.toNanos();
      return nothing();
    }
    return toBatch(cursor, response, now);
  }

  private RecordsWithSplitIds<Record> toBatch(
      ShardCursor cursor, GetRecordsResponse response, long now) {
    String splitId = cursor.split.splitId();
    if (response.millisBehindLatest() != null) {
      lag.update(splitId, response.millisBehindLatest());
    }
    List<Record> records = response.records();
    boolean stopped = false;
    Instant stopAt = stopPosition == null ? null : stopPosition.timestamp().orElse(null);
    if (stopAt != null) {
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i).approximateArrivalTimestamp().isAfter(stopAt)) {
          records = records.subList(0, i);
          stopped = true;
          break;
        }
      }
    }
    boolean atTip =
        response.records().isEmpty()
            && response.millisBehindLatest() != null
            && response.millisBehindLatest() == 0L
            && response.nextShardIterator() != null;
    if (atTip && stopPosition != null) {
      stopped = stopAt == null || clock.instant().isAfter(stopAt);
    }

    // The builder keeps the collection it is given, and the SDK's lists are read-only.
    List<Record> emitted = new ArrayList<>(records.size() + 1);
    emitted.addAll(records);
    if (!records.isEmpty()) {
      cursor.lastFetchedSequenceNumber = records.get(records.size() - 1).sequenceNumber();
    }
    RecordsBySplits.Builder<Record> batch = new RecordsBySplits.Builder<>();
    if (stopped) {
      finish(cursor, batch);
    } else if (response.nextShardIterator() == null) {
      emitted.add(SHARD_END);
      finish(cursor, batch);
    } else {
      cursor.iterator = response.nextShardIterator();
      cursor.readyAtNanos = now + pollInterval.toNanos();
    }
    if (!emitted.isEmpty()) {
      batch.addAll(splitId, emitted);
    }
    return batch.build();
  }

  private void finish(ShardCursor cursor, RecordsBySplits.Builder<Record> batch) {
    String splitId = cursor.split.splitId();
    batch.addFinishedSplit(splitId);
    cursors.remove(splitId);
    lag.remove(splitId);
    turn = new ArrayList<>(cursors.values());
    next = 0;
  }

  private String shardIterator(ShardCursor cursor) {
    ShardPosition position =
        cursor.lastFetchedSequenceNumber == null
            ? cursor.split.position()
            : ShardPosition.afterSequenceNumber(cursor.lastFetchedSequenceNumber);
    GetShardIteratorRequest.Builder request =
        GetShardIteratorRequest.builder()
            .streamName(cursor.split.stream())
            .shardId(cursor.split.shardId());
    switch (position.kind()) {
      case TRIM_HORIZON -> request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
      case AT_TIMESTAMP ->
          request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(position.timestamp());
      case AFTER_SEQUENCE_NUMBER ->
          request
              .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
              .startingSequenceNumber(position.sequenceNumber());
    }
    return client.getShardIterator(request.build()).shardIterator();
  }

  private static RecordsWithSplitIds<Record> nothing() {
    return new RecordsBySplits<>(Map.of(), Set.of());
  }

  /** Ids of the splits being read, for tests. */
  Set<String> splitIds() {
    return Set.copyOf(cursors.keySet());
  }

  /** Where the fetcher is in one shard. Touched only by the fetcher thread. */
  private static final class ShardCursor {
    final KinesisShardSplit split;
    String iterator;
    String lastFetchedSequenceNumber;
    long readyAtNanos;
    int throttledCalls;

    ShardCursor(KinesisShardSplit split, long readyAtNanos) {
      this.split = split;
      this.readyAtNanos = readyAtNanos;
    }
  }
}
