package io.driftway.connectors.kinesis.enumerator;

import static io.driftway.connectors.kinesis.enumerator.FakeShardLister.closed;
import static io.driftway.connectors.kinesis.enumerator.FakeShardLister.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.connectors.kinesis.KinesisStartingPosition;
import io.driftway.connectors.kinesis.split.FinishReason;
import io.driftway.connectors.kinesis.split.FinishedShardsEvent;
import io.driftway.connectors.kinesis.split.KinesisShardSplit;
import io.driftway.connectors.kinesis.split.ShardPosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KinesisShardEnumeratorTest {

  private static final String STREAM = "orders";
  private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
  private static final Instant START = Instant.parse("2026-10-31T00:00:00Z");

  private final FakeShardLister lister = new FakeShardLister();

  @Test
  void assignsEveryOpenShardOfANewStreamToItsOwner() {
    lister.set(STREAM, open(shard(0)), open(shard(1)), open(shard(2)));
    FakeEnumeratorContext context = context(2, 0, 1);
    start(context, KinesisStartingPosition.trimHorizon(), false, null);

    context.runDiscovery();

    for (int n = 0; n < 3; n++) {
      String id = id(n);
      assertThat(context.assignedTo(KinesisShardEnumerator.ownerOf(id, 2))).contains(id);
    }
    assertThat(allAssigned(context, 2)).hasSize(3);
    assertThat(allSplits(context, 2))
        .extracting(KinesisShardSplit::position)
        .containsOnly(ShardPosition.trimHorizon());
  }

  @Test
  void spreadsConsecutiveShardsOverTheReaders() {
    assertThat(KinesisShardEnumerator.ownerOf(id(0), 2))
        .isNotEqualTo(KinesisShardEnumerator.ownerOf(id(1), 2));
  }

  @Test
  void latestStartsOpenShardsAtTheFirstListingAndSkipsClosedShards() {
    lister.set(STREAM, closed(shard(0)), open(shard(1), shard(0)), open(shard(2), shard(0)));
    FakeEnumeratorContext context = context(2, 0, 1);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.latest(), false, null);

    context.runDiscovery();

    assertThat(allAssigned(context, 2)).containsExactlyInAnyOrder(id(1), id(2));
    assertThat(allSplits(context, 2))
        .extracting(KinesisShardSplit::position)
        .containsOnly(ShardPosition.atTimestamp(NOW));
    assertThat(enumerator.snapshotState(1).finishedSplitIds())
        .containsExactly(Map.entry(id(0), FinishReason.SHARD_END));
  }

  @Test
  void atTimestampStartsEveryShardAtThatTime() {
    lister.set(STREAM, open(shard(0)));
    FakeEnumeratorContext context = context(1, 0);
    start(context, KinesisStartingPosition.atTimestamp(START), false, null);

    context.runDiscovery();

    assertThat(context.splitsOf(0))
        .extracting(KinesisShardSplit::position)
        .containsExactly(ShardPosition.atTimestamp(START));
  }

  @Test
  void readsAChildOnlyAfterItsParentReachedItsEnd() {
    lister.set(
        STREAM,
        closed(shard(0)),
        open(shard(1)),
        open(shard(2), shard(0)),
        open(shard(3), shard(0)));
    FakeEnumeratorContext context = context(1, 0);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.trimHorizon(), false, null);

    context.runDiscovery();
    assertThat(context.assignedTo(0)).containsExactlyInAnyOrder(id(0), id(1));

    enumerator.handleSourceEvent(0, finished(0, FinishReason.SHARD_END));

    assertThat(context.assignedTo(0)).containsExactlyInAnyOrder(id(0), id(1), id(2), id(3));
    assertThat(context.splitsOf(0))
        .filteredOn(split -> split.shardId().equals(shard(2)))
        .singleElement()
        .satisfies(
            split -> {
              assertThat(split.position()).isEqualTo(ShardPosition.trimHorizon());
              assertThat(split.parentShardIds()).containsExactly(shard(0));
            });
  }

  @Test
  void readsAMergedChildOnlyAfterBothParentsReachedTheirEnd() {
    lister.set(STREAM, closed(shard(0)), closed(shard(1)), open(shard(2), shard(0), shard(1)));
    FakeEnumeratorContext context = context(1, 0);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.trimHorizon(), false, null);
    context.runDiscovery();

    enumerator.handleSourceEvent(0, finished(0, FinishReason.SHARD_END));
    assertThat(context.assignedTo(0)).containsExactlyInAnyOrder(id(0), id(1));

    enumerator.handleSourceEvent(0, finished(1, FinishReason.SHARD_END));
    assertThat(context.assignedTo(0)).containsExactlyInAnyOrder(id(0), id(1), id(2));
  }

  @Test
  void treatsAParentThatExpiredFromTheListingAsFinished() {
    lister.set(STREAM, open(shard(5), shard(3)));
    FakeEnumeratorContext context = context(1, 0);
    start(context, KinesisStartingPosition.trimHorizon(), false, null);

    context.runDiscovery();

    assertThat(context.assignedTo(0)).containsExactly(id(5));
  }

  @Test
  void listsAgainAtOnceWhenAShardEndsAndReadsItsNewChildrenFromTheBeginning() {
    lister.set(STREAM, open(shard(0)), open(shard(1)));
    FakeEnumeratorContext context = context(1, 0);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.atTimestamp(START), false, null);
    context.runDiscovery();

    lister.set(
        STREAM,
        closed(shard(0)),
        open(shard(1)),
        open(shard(2), shard(0)),
        open(shard(3), shard(0)));
    enumerator.handleSourceEvent(0, finished(0, FinishReason.SHARD_END));
    assertThat(context.pendingOneShotCalls()).isEqualTo(1);
    context.runOneShotCalls();

    assertThat(context.splitsOf(0))
        .filteredOn(split -> split.parentShardIds().contains(shard(0)))
        .extracting(KinesisShardSplit::shardId, KinesisShardSplit::position)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(shard(2), ShardPosition.trimHorizon()),
            org.assertj.core.groups.Tuple.tuple(shard(3), ShardPosition.trimHorizon()));
  }

  @Test
  void holdsTheSplitsOfAReaderUntilItRegisters() {
    lister.set(STREAM, open(shard(0)), open(shard(1)));
    int late = KinesisShardEnumerator.ownerOf(id(1), 2);
    int early = 1 - late;
    FakeEnumeratorContext context = context(2, early);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.trimHorizon(), false, null);
    context.runDiscovery();
    assertThat(context.assignedTo(early)).containsExactly(id(0));
    assertThat(context.assignedTo(late)).isEmpty();

    context.registerReader(late);
    enumerator.addReader(late);

    assertThat(context.assignedTo(late)).containsExactly(id(1));
    assertThat(context.assignedTo(early)).containsExactly(id(0));
  }

  @Test
  void takesBackTheSplitsOfAFailedReaderAndReassignsThemWhenItReturns() {
    lister.set(STREAM, open(shard(0)));
    FakeEnumeratorContext context = context(1, 0);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.trimHorizon(), false, null);
    context.runDiscovery();
    KinesisShardSplit split = context.splitsOf(0).get(0);

    context.unregisterReader(0);
    enumerator.addSplitsBack(List.of(split), 0);
    assertThat(enumerator.snapshotState(1).unassignedSplits()).containsExactly(split);

    context.registerReader(0);
    enumerator.addReader(0);

    assertThat(context.splitsOf(0)).containsExactly(split, split);
    assertThat(enumerator.snapshotState(2).assignedSplitIds()).containsExactly(id(0));
  }

  @Test
  void resumesFromItsSnapshotWithoutReassigningOrStartingOver() {
    lister.set(STREAM, closed(shard(0)), open(shard(1), shard(0)));
    FakeEnumeratorContext first = context(1, 0);
    KinesisShardEnumerator before =
        start(first, KinesisStartingPosition.trimHorizon(), false, null);
    first.runDiscovery();
    KinesisEnumeratorState state = before.snapshotState(7);
    assertThat(state.assignedSplitIds()).containsExactly(id(0));
    assertThat(state.unassignedSplits()).extracting(KinesisShardSplit::shardId).contains(shard(1));

    FakeEnumeratorContext second = context(1, 0);
    KinesisShardEnumerator after = start(second, KinesisStartingPosition.latest(), false, state);
    second.runDiscovery();
    assertThat(second.assignedTo(0)).isEmpty();

    after.handleSourceEvent(0, finished(0, FinishReason.SHARD_END));

    // Known from the snapshot, so still read from its beginning, whatever the new start says.
    assertThat(second.splitsOf(0))
        .extracting(KinesisShardSplit::shardId, KinesisShardSplit::position)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(shard(1), ShardPosition.trimHorizon()));
  }

  @Test
  void ignoresARepeatedFinishEvent() {
    lister.set(STREAM, closed(shard(0)), open(shard(1), shard(0)));
    FakeEnumeratorContext context = context(1, 0);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.trimHorizon(), false, null);
    context.runDiscovery();

    enumerator.handleSourceEvent(0, finished(0, FinishReason.SHARD_END));
    enumerator.handleSourceEvent(0, finished(0, FinishReason.SHARD_END));
    context.runDiscovery();

    assertThat(context.assignedTo(0)).containsExactly(id(0), id(1));
  }

  @Test
  void forgetsFinishedShardsOnceTheyExpireFromTheListing() {
    lister.set(STREAM, closed(shard(0)), open(shard(1), shard(0)));
    FakeEnumeratorContext context = context(1, 0);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.trimHorizon(), false, null);
    context.runDiscovery();
    enumerator.handleSourceEvent(0, finished(0, FinishReason.SHARD_END));
    assertThat(enumerator.snapshotState(1).finishedSplitIds()).containsOnlyKeys(id(0));

    lister.set(STREAM, open(shard(1), shard(0)));
    context.runDiscovery();

    assertThat(enumerator.snapshotState(2).finishedSplitIds()).isEmpty();
    assertThat(context.assignedTo(0)).containsExactly(id(0), id(1));
  }

  @Test
  void boundedSignalsNoMoreSplitsOnceEveryShardStopped() {
    lister.set(STREAM, open(shard(0)), open(shard(1)));
    FakeEnumeratorContext context = context(2, 0, 1);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.trimHorizon(), true, null);
    context.runDiscovery();

    enumerator.handleSourceEvent(0, finished(0, FinishReason.STOP_POSITION));
    assertThat(context.noMoreSplitsSignalled(0)).isFalse();
    enumerator.handleSourceEvent(1, finished(1, FinishReason.STOP_POSITION));

    assertThat(context.noMoreSplitsSignalled(0)).isTrue();
    assertThat(context.noMoreSplitsSignalled(1)).isTrue();
  }

  @Test
  void boundedListsOnceMoreAfterAShardEndBeforeItSignalsNoMoreSplits() {
    lister.set(STREAM, open(shard(0)));
    FakeEnumeratorContext context = context(1, 0);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.trimHorizon(), true, null);
    context.runDiscovery();

    lister.set(STREAM, closed(shard(0)), open(shard(1), shard(0)));
    enumerator.handleSourceEvent(0, finished(0, FinishReason.SHARD_END));
    assertThat(context.noMoreSplitsSignalled(0)).isFalse();
    context.runOneShotCalls();
    assertThat(context.assignedTo(0)).containsExactly(id(0), id(1));

    enumerator.handleSourceEvent(0, finished(1, FinishReason.STOP_POSITION));

    assertThat(context.noMoreSplitsSignalled(0)).isTrue();
  }

  @Test
  void boundedSkipsTheDescendantsOfAShardThatStoppedAtTheStopPosition() {
    lister.set(STREAM, closed(shard(0)), closed(shard(1), shard(0)), open(shard(2), shard(1)));
    FakeEnumeratorContext context = context(1, 0);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.trimHorizon(), true, null);
    context.runDiscovery();

    enumerator.handleSourceEvent(0, finished(0, FinishReason.STOP_POSITION));

    assertThat(context.assignedTo(0)).containsExactly(id(0));
    assertThat(enumerator.snapshotState(1).finishedSplitIds())
        .containsOnly(
            Map.entry(id(0), FinishReason.STOP_POSITION),
            Map.entry(id(1), FinishReason.STOP_POSITION),
            Map.entry(id(2), FinishReason.STOP_POSITION));
    assertThat(context.noMoreSplitsSignalled(0)).isTrue();
  }

  @Test
  void tellsAReaderThatRegistersAfterTheEndThatThereIsNothingMore() {
    lister.set(STREAM, open(shard(0)));
    FakeEnumeratorContext context = context(2, 0);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.trimHorizon(), true, null);
    context.runDiscovery();
    int owner = KinesisShardEnumerator.ownerOf(id(0), 2);
    if (owner != 0) {
      context.registerReader(owner);
      enumerator.addReader(owner);
    }
    enumerator.handleSourceEvent(owner, finished(0, FinishReason.STOP_POSITION));

    context.registerReader(1 - owner);
    enumerator.addReader(1 - owner);

    assertThat(context.noMoreSplitsSignalled(1 - owner)).isTrue();
  }

  @Test
  void unboundedNeverSignalsNoMoreSplits() {
    lister.set(STREAM, open(shard(0)));
    FakeEnumeratorContext context = context(1, 0);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.trimHorizon(), false, null);
    context.runDiscovery();

    enumerator.handleSourceEvent(0, finished(0, FinishReason.SHARD_END));
    context.runDiscovery();

    assertThat(context.noMoreSplitsSignalled(0)).isFalse();
  }

  @Test
  void failsWhenTheFirstListingFailsButToleratesLaterFailures() {
    FakeEnumeratorContext context = context(1, 0);
    start(context, KinesisStartingPosition.trimHorizon(), false, null);
    lister.failWith(new IllegalStateException("Stream orders not found"));

    assertThatThrownBy(context::runDiscovery)
        .hasMessage("Cannot list Kinesis shards: Stream orders not found: [orders]");

    FakeShardLister healthy = new FakeShardLister().set(STREAM, open(shard(0)));
    FakeEnumeratorContext later = context(1, 0);
    new KinesisShardEnumerator(
            later,
            List.of(STREAM),
            KinesisStartingPosition.trimHorizon(),
            false,
            Duration.ofSeconds(1),
            () -> healthy,
            Clock.fixed(NOW, ZoneOffset.UTC),
            null)
        .start();
    later.runDiscovery();
    healthy.failWith(new IllegalStateException("Rate exceeded"));
    later.runDiscovery();
    assertThat(later.assignedTo(0)).containsExactly(id(0));
  }

  @Test
  void closesItsListerOnClose() {
    FakeEnumeratorContext context = context(1, 0);
    KinesisShardEnumerator enumerator =
        start(context, KinesisStartingPosition.trimHorizon(), false, null);

    enumerator.close();

    assertThat(lister.closed()).isTrue();
  }

  private KinesisShardEnumerator start(
      FakeEnumeratorContext context,
      KinesisStartingPosition position,
      boolean bounded,
      KinesisEnumeratorState restored) {
    KinesisShardEnumerator enumerator =
        new KinesisShardEnumerator(
            context,
            List.of(STREAM),
            position,
            bounded,
            Duration.ofSeconds(1),
            () -> lister,
            Clock.fixed(NOW, ZoneOffset.UTC),
            restored);
    enumerator.start();
    for (int reader : context.registeredReaders().keySet()) {
      enumerator.addReader(reader);
    }
    return enumerator;
  }

  private static FakeEnumeratorContext context(int parallelism, int... registered) {
    FakeEnumeratorContext context = new FakeEnumeratorContext(parallelism);
    for (int reader : registered) {
      context.registerReader(reader);
    }
    return context;
  }

  private static List<String> allAssigned(FakeEnumeratorContext context, int parallelism) {
    List<String> all = new ArrayList<>();
    IntStream.range(0, parallelism).forEach(i -> all.addAll(context.assignedTo(i)));
    return all;
  }

  private static List<KinesisShardSplit> allSplits(FakeEnumeratorContext context, int parallelism) {
    List<KinesisShardSplit> all = new ArrayList<>();
    IntStream.range(0, parallelism).forEach(i -> all.addAll(context.splitsOf(i)));
    return all;
  }

  private static FinishedShardsEvent finished(int shard, FinishReason reason) {
    return new FinishedShardsEvent(Map.of(id(shard), reason));
  }

  private static String shard(int n) {
    return String.format("shardId-%012d", n);
  }

  private static String id(int n) {
    return KinesisShardSplit.splitId(STREAM, shard(n));
  }
}
