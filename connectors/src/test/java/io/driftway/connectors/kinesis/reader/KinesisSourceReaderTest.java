package io.driftway.connectors.kinesis.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.kinesis.KinesisRecordDeserializer;
import io.driftway.connectors.kinesis.split.FinishReason;
import io.driftway.connectors.kinesis.split.FinishedShardsEvent;
import io.driftway.connectors.kinesis.split.KinesisShardSplit;
import io.driftway.connectors.kinesis.split.ShardPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.Test;

class KinesisSourceReaderTest {

  private static final KinesisShardSplit TOMBSTONE =
      KinesisShardSplit.of(
              "orders",
              "shardId-000000000000",
              List.of(),
              ShardPosition.afterSequenceNumber("1042"))
          .finished(FinishReason.SHARD_END);

  private final RecordingContext context = new RecordingContext();

  @Test
  void reportsARestoredFinishedSplitAgainWithoutReadingIt() throws Exception {
    try (KinesisSourceReader<?> reader = reader()) {
      reader.addSplits(List.of(TOMBSTONE));

      assertThat(context.events)
          .containsExactly(
              new FinishedShardsEvent(Map.of(TOMBSTONE.splitId(), FinishReason.SHARD_END)));
      assertThat(reader.getNumberOfCurrentlyAssignedSplits()).isZero();
    }
  }

  @Test
  void keepsAFinishedSplitInCheckpointsUntilTheFirstCheckpointWithItCompleted() throws Exception {
    try (KinesisSourceReader<?> reader = reader()) {
      reader.addSplits(List.of(TOMBSTONE));

      assertThat(reader.snapshotState(5)).containsExactly(TOMBSTONE);
      assertThat(reader.snapshotState(6)).containsExactly(TOMBSTONE);
      reader.notifyCheckpointComplete(4);
      assertThat(reader.snapshotState(7)).containsExactly(TOMBSTONE);
      reader.notifyCheckpointComplete(5);
      assertThat(reader.snapshotState(8)).isEmpty();
    }
  }

  private KinesisSourceReader<?> reader() {
    return new KinesisSourceReader<>(
        context,
        () -> {
          throw new AssertionError("a tombstone must not be read");
        },
        KinesisRecordDeserializer.raw(),
        10,
        Duration.ofMillis(200),
        Duration.ofMillis(200),
        Duration.ofSeconds(5),
        null);
  }

  /** Records the events a reader sends to its enumerator. */
  private static final class RecordingContext implements SourceReaderContext {
    final List<SourceEvent> events = new ArrayList<>();

    @Override
    public SourceReaderMetricGroup metricGroup() {
      return UnregisteredMetricsGroup.createSourceReaderMetricGroup();
    }

    @Override
    public Configuration getConfiguration() {
      return new Configuration();
    }

    @Override
    public String getLocalHostName() {
      return "localhost";
    }

    @Override
    public int getIndexOfSubtask() {
      return 0;
    }

    @Override
    public void sendSplitRequest() {}

    @Override
    public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {
      events.add(sourceEvent);
    }

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
      return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
    }
  }
}
