package io.driftway.connectors.kinesis.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.kinesis.KinesisStopPosition;
import io.driftway.connectors.kinesis.split.KinesisShardSplit;
import io.driftway.connectors.kinesis.split.ShardPosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

class PollingShardSplitReaderTest {

  private static final String STREAM = "orders";
  private static final String SHARD_A = "shardId-000000000000";
  private static final String SHARD_B = "shardId-000000000001";
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final Duration BACKOFF = Duration.ofMillis(400);

  private final FakeKinesisClient kinesis = new FakeKinesisClient();
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void readsAShardInBatchesAndRenewsAnExpiredIteratorAfterTheLastFetchedRecord() {
    kinesis.shard(SHARD_A, false, at(0), at(1), at(2), at(3), at(4));
    PollingShardSplitReader reader = reader(2, null);
    reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(SHARD_A))));

    assertThat(fetch(reader).records).containsExactly("1000", "1001");
    kinesis.failNextRead(SHARD_A, ExpiredIteratorException.builder().message("expired").build());
    nanos.addAndGet(Duration.ofMillis(200).toNanos());
    assertThat(fetch(reader).records).isEmpty();
    assertThat(fetch(reader).records).containsExactly("1002", "1003");

    assertThat(kinesis.iteratorRequests).hasSize(2);
    assertThat(kinesis.iteratorRequests.get(1).shardIteratorType())
        .isEqualTo(ShardIteratorType.AFTER_SEQUENCE_NUMBER);
    assertThat(kinesis.iteratorRequests.get(1).startingSequenceNumber()).isEqualTo("1001");
  }

  @Test
  void renewsAnIteratorThatExpiredBeforeTheFirstRecordAtTheSplitPosition() {
    kinesis.shard(SHARD_A, false, at(0), at(5), at(10));
    PollingShardSplitReader reader = reader(10, null);
    reader.handleSplitsChanges(
        new SplitsAddition<>(List.of(split(SHARD_A, ShardPosition.atTimestamp(at(5))))));
    kinesis.failNextRead(SHARD_A, ExpiredIteratorException.builder().message("expired").build());

    assertThat(fetch(reader).records).isEmpty();
    assertThat(fetch(reader).records).containsExactly("1001", "1002");

    assertThat(kinesis.iteratorRequests)
        .extracting(r -> r.shardIteratorType(), r -> r.timestamp())
        .containsOnly(org.assertj.core.groups.Tuple.tuple(ShardIteratorType.AT_TIMESTAMP, at(5)));
  }

  @Test
  void backsOffAThrottledShardWhileTheOtherShardKeepsReading() {
    kinesis.shard(SHARD_A, false, at(0)).shard(SHARD_B, false, at(0));
    kinesis
        .failNextRead(SHARD_A, ProvisionedThroughputExceededException.builder().build())
        .failNextRead(SHARD_A, LimitExceededException.builder().build());
    PollingShardSplitReader reader = reader(10, null);
    reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(SHARD_A), split(SHARD_B))));

    assertThat(fetch(reader).records).isEmpty();
    assertThat(fetch(reader).records).containsExactly("1000");
    assertThat(kinesis.getRecordsCalls).containsExactly(SHARD_A, SHARD_B);

    // Shard B waits its poll interval, shard A its backoff: nothing is due until time moves on.
    // The wake-up ends the fetcher's wait at once instead of after the real interval.
    reader.wakeUp();
    assertThat(fetch(reader).records).isEmpty();
    assertThat(kinesis.getRecordsCalls).hasSize(2);

    nanos.addAndGet(BACKOFF.toNanos());
    assertThat(fetch(reader).records).isEmpty();
    assertThat(kinesis.getRecordsCalls).containsExactly(SHARD_A, SHARD_B, SHARD_A);

    // The second throttle in a row doubles the wait.
    nanos.addAndGet(BACKOFF.toNanos());
    fetch(reader);
    assertThat(kinesis.getRecordsCalls).containsExactly(SHARD_A, SHARD_B, SHARD_A, SHARD_B);
    nanos.addAndGet(BACKOFF.toNanos());
    assertThat(fetch(reader).records).containsExactly("1000");
  }

  @Test
  void endsAClosedShardWithTheShardEndMarkerAfterItsLastRecord() {
    kinesis.shard(SHARD_A, true, at(0), at(1));
    PollingShardSplitReader reader = reader(10, null);
    reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(SHARD_A))));

    Batch batch = fetch(reader);

    assertThat(batch.records).containsExactly("1000", "1001", "<shard-end>");
    assertThat(batch.finished).containsExactly(split(SHARD_A).splitId());
    assertThat(reader.splitIds()).isEmpty();
  }

  @Test
  void stopsBeforeTheFirstRecordThatArrivedAfterTheStopTimestamp() {
    kinesis.shard(SHARD_A, true, at(0), at(1), at(2), at(3));
    PollingShardSplitReader reader = reader(10, KinesisStopPosition.atTimestamp(at(2)));
    reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(SHARD_A))));

    Batch batch = fetch(reader);

    assertThat(batch.records).containsExactly("1000", "1001", "1002");
    assertThat(batch.finished).containsExactly(split(SHARD_A).splitId());
  }

  @Test
  void stopsAtTheTipOfAShardOnceTheClockIsPastTheStopTimestamp() {
    kinesis.shard(SHARD_A, false, at(0));
    PollingShardSplitReader early = reader(10, KinesisStopPosition.atTimestamp(at(3600)));
    early.handleSplitsChanges(new SplitsAddition<>(List.of(split(SHARD_A))));
    assertThat(fetch(early).records).containsExactly("1000");
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(fetch(early).finished).isEmpty();

    PollingShardSplitReader late = reader(10, KinesisStopPosition.atTimestamp(at(-1)));
    late.handleSplitsChanges(
        new SplitsAddition<>(List.of(split(SHARD_A, ShardPosition.afterSequenceNumber("1000")))));
    assertThat(fetch(late).finished).containsExactly(split(SHARD_A).splitId());
  }

  @Test
  void boundedAtTheCurrentEndStopsWhenAPollFindsNothingMore() {
    kinesis.shard(SHARD_A, false, at(0), at(1));
    PollingShardSplitReader reader = reader(10, KinesisStopPosition.currentEnd());
    reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(SHARD_A))));

    assertThat(fetch(reader).records).containsExactly("1000", "1001");
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    Batch last = fetch(reader);

    assertThat(last.records).isEmpty();
    assertThat(last.finished).containsExactly(split(SHARD_A).splitId());
  }

  @Test
  void keepsCallsOnOneShardAPollIntervalApartEvenWhenBehind() {
    kinesis.shard(SHARD_A, false, at(0), at(1), at(2));
    PollingShardSplitReader reader = reader(2, null);
    reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(SHARD_A))));

    assertThat(fetch(reader).records).containsExactly("1000", "1001");
    reader.wakeUp();
    assertThat(fetch(reader).records).isEmpty();
    assertThat(kinesis.getRecordsCalls).hasSize(1);

    nanos.addAndGet(Duration.ofMillis(200).toNanos());
    assertThat(fetch(reader).records).containsExactly("1002");
  }

  @Test
  void closesItsClient() {
    reader(10, null).close();

    assertThat(kinesis.closed).isTrue();
  }

  private PollingShardSplitReader reader(int maxRecords, KinesisStopPosition stop) {
    return new PollingShardSplitReader(
        kinesis,
        maxRecords,
        Duration.ofMillis(200),
        // No jitter: the random half is always at its top, so the wait is exactly base * 2^n.
        new ThrottleBackoff(BACKOFF, Duration.ofSeconds(5), () -> 1.0),
        stop,
        Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC),
        nanos::get);
  }

  private static KinesisShardSplit split(String shardId) {
    return split(shardId, ShardPosition.trimHorizon());
  }

  private static KinesisShardSplit split(String shardId, ShardPosition position) {
    return KinesisShardSplit.of(STREAM, shardId, List.of(), position);
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private static Batch fetch(PollingShardSplitReader reader) {
    RecordsWithSplitIds<Record> records = reader.fetch();
    Batch batch = new Batch();
    while (records.nextSplit() != null) {
      Record record;
      while ((record = records.nextRecordFromSplit()) != null) {
        batch.records.add(record.sequenceNumber());
      }
    }
    batch.finished.addAll(records.finishedSplits());
    return batch;
  }

  private static final class Batch {
    final List<String> records = new ArrayList<>();
    final Set<String> finished = new HashSet<>();
  }
}
