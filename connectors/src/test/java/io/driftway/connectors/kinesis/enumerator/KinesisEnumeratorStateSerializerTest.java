package io.driftway.connectors.kinesis.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.connectors.kinesis.split.FinishReason;
import io.driftway.connectors.kinesis.split.KinesisShardSplit;
import io.driftway.connectors.kinesis.split.ShardPosition;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KinesisEnumeratorStateSerializerTest {

  private static final KinesisEnumeratorStateSerializer SERIALIZER =
      KinesisEnumeratorStateSerializer.INSTANCE;

  @Test
  void roundTripsAStateWithEveryKindOfSplit() throws IOException {
    KinesisEnumeratorState state =
        KinesisEnumeratorState.of(
            Set.of("orders", "payments"),
            List.of(
                KinesisShardSplit.of(
                    "orders",
                    "shardId-000000000002",
                    List.of("shardId-000000000000"),
                    ShardPosition.trimHorizon()),
                KinesisShardSplit.of(
                    "payments",
                    "shardId-000000000000",
                    List.of(),
                    ShardPosition.atTimestamp(Instant.parse("2026-11-01T00:00:00Z")))),
            Set.of("orders:shardId-000000000001"),
            Map.of(
                "orders:shardId-000000000000", FinishReason.SHARD_END,
                "payments:shardId-000000000009", FinishReason.STOP_POSITION));

    byte[] bytes = SERIALIZER.serialize(state);

    assertThat(SERIALIZER.deserialize(SERIALIZER.getVersion(), bytes)).isEqualTo(state);
  }

  @Test
  void roundTripsTheEmptyState() throws IOException {
    byte[] bytes = SERIALIZER.serialize(KinesisEnumeratorState.empty());

    assertThat(SERIALIZER.deserialize(1, bytes)).isEqualTo(KinesisEnumeratorState.empty());
  }

  @Test
  void writesEqualStatesAsEqualBytes() throws IOException {
    Map<String, FinishReason> finished =
        Map.of(
            "s:a",
            FinishReason.SHARD_END,
            "s:b",
            FinishReason.SHARD_END,
            "s:c",
            FinishReason.SHARD_END);
    KinesisEnumeratorState one =
        KinesisEnumeratorState.of(Set.of("s", "t"), List.of(), Set.of("s:x", "s:y"), finished);
    KinesisEnumeratorState two =
        KinesisEnumeratorState.of(Set.of("t", "s"), List.of(), Set.of("s:y", "s:x"), finished);

    assertThat(SERIALIZER.serialize(one)).isEqualTo(SERIALIZER.serialize(two));
  }

  @Test
  void refusesAVersionItDoesNotKnow() {
    assertThatThrownBy(() -> SERIALIZER.deserialize(2, new byte[0]))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot deserialize Kinesis enumerator state: unknown serializer version: 2");
  }
}
