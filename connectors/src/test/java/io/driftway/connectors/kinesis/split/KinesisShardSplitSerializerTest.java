package io.driftway.connectors.kinesis.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KinesisShardSplitSerializerTest {

  private static final KinesisShardSplitSerializer SERIALIZER =
      KinesisShardSplitSerializer.INSTANCE;

  static Stream<KinesisShardSplit> splits() {
    KinesisShardSplit base =
        KinesisShardSplit.of(
            "orders", "shardId-000000000000", List.of(), ShardPosition.trimHorizon());
    return Stream.of(
        base,
        KinesisShardSplit.of(
            "orders.v2",
            "shardId-000000000007",
            List.of("shardId-000000000003", "shardId-000000000004"),
            ShardPosition.atTimestamp(Instant.parse("2026-11-01T10:15:30.123456789Z"))),
        base.withPosition(
            ShardPosition.afterSequenceNumber(
                "49590338271490256608559692538361571095921575989136588898")),
        base.withPosition(ShardPosition.afterSequenceNumber("42")).finished(FinishReason.SHARD_END),
        base.finished(FinishReason.STOP_POSITION));
  }

  @ParameterizedTest
  @MethodSource("splits")
  void roundTripsEveryPositionAndFinishReason(KinesisShardSplit split) throws IOException {
    byte[] bytes = SERIALIZER.serialize(split);

    assertThat(SERIALIZER.deserialize(SERIALIZER.getVersion(), bytes)).isEqualTo(split);
  }

  @Test
  void refusesAVersionItDoesNotKnow() {
    assertThatThrownBy(() -> SERIALIZER.deserialize(7, new byte[0]))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot deserialize Kinesis shard split: unknown serializer version: 7");
  }

  @Test
  void refusesTrailingBytes() throws IOException {
    KinesisShardSplit split =
        KinesisShardSplit.of("s", "shardId-000000000000", List.of(), ShardPosition.trimHorizon());
    byte[] bytes = SERIALIZER.serialize(split);
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);

    assertThatThrownBy(() -> SERIALIZER.deserialize(1, longer))
        .hasMessageStartingWith("Cannot deserialize Kinesis shard split: trailing bytes");
  }

  @Test
  void checkpointedStateResumesRightAfterTheLastEmittedRecord() {
    KinesisShardSplit split =
        KinesisShardSplit.of(
            "orders", "shardId-000000000001", List.of(), ShardPosition.atTimestamp(Instant.EPOCH));
    KinesisShardSplitState state = new KinesisShardSplitState(split);
    assertThat(state.toSplit()).isEqualTo(split);

    state.recordEmitted("100");
    state.recordEmitted("101");

    assertThat(state.toSplit().position()).isEqualTo(ShardPosition.afterSequenceNumber("101"));
    assertThat(state.toFinishedSplit().finishReason()).contains(FinishReason.STOP_POSITION);
    state.markShardEnd();
    assertThat(state.toFinishedSplit().finishReason()).contains(FinishReason.SHARD_END);
  }
}
