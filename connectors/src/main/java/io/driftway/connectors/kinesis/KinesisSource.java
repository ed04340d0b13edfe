package io.driftway.connectors.kinesis;

import io.driftway.connectors.kinesis.enumerator.KinesisEnumeratorState;
import io.driftway.connectors.kinesis.enumerator.KinesisEnumeratorStateSerializer;
import io.driftway.connectors.kinesis.enumerator.KinesisShardEnumerator;
import io.driftway.connectors.kinesis.enumerator.ShardLister;
import io.driftway.connectors.kinesis.reader.KinesisSourceReader;
import io.driftway.connectors.kinesis.split.KinesisShardSplit;
import io.driftway.connectors.kinesis.split.KinesisShardSplitSerializer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * A Flink source over Kinesis Data Streams: one split per shard, read by polling, with each shard's
 * last emitted sequence number in Flink's checkpoints, so a restored job resumes right after the
 * last record it emitted. Shards are re-listed at an interval; after resharding a child shard is
 * read only once its parents were read to their end, which keeps per-key order across a split or
 * merge. With a stop position the source is bounded and the job ends by itself.
 *
 * <p>Built with {@link #builder()}; immutable and serializable, as Flink ships it to the cluster.
 *
 * <pre>{@code
 * KinesisSource<KinesisRecord> source =
 *     KinesisSource.<KinesisRecord>builder()
 *         .streams("orders", "arn:aws:kinesis:eu-west-1:123456789012:stream/payments")
 *         .region("eu-west-1")
 *         .startingPosition(KinesisStartingPosition.trimHorizon())
 *         .deserializer(KinesisRecordDeserializer.raw())
 *         .build();
 * DataStream<KinesisRecord> records =
 *     env.fromSource(source, WatermarkStrategy.noWatermarks(), "kinesis-orders");
 * }</pre>
 *
 * @param <T> what the source emits, as produced by its {@link KinesisRecordDeserializer}
 */
public final class KinesisSource<T>
    implements Source<T, KinesisShardSplit, KinesisEnumeratorState>, ResultTypeQueryable<T> {

  private static final long serialVersionUID = 1L;

  private final List<String> streams;
  private final KinesisClientFactory clientFactory;
  private final KinesisStartingPosition startingPosition;
  private final KinesisStopPosition stopPosition;
  private final int maxRecordsPerPoll;
  private final Duration pollInterval;
  private final Duration shardDiscoveryInterval;
  private final Duration throttleBackoffBase;
  private final Duration throttleBackoffMax;
  private final KinesisRecordDeserializer<T> deserializer;

  KinesisSource(
      List<String> streams,
      KinesisClientFactory clientFactory,
      KinesisStartingPosition startingPosition,
      KinesisStopPosition stopPosition,
      int maxRecordsPerPoll,
      Duration pollInterval,
      Duration shardDiscoveryInterval,
      Duration throttleBackoffBase,
      Duration throttleBackoffMax,
      KinesisRecordDeserializer<T> deserializer) {
    this.streams = List.copyOf(streams);
    this.clientFactory = clientFactory;
    this.startingPosition = startingPosition;
    this.stopPosition = stopPosition;
    this.maxRecordsPerPoll = maxRecordsPerPoll;
    this.pollInterval = pollInterval;
    this.shardDiscoveryInterval = shardDiscoveryInterval;
    this.throttleBackoffBase = throttleBackoffBase;
    this.throttleBackoffMax = throttleBackoffMax;
    this.deserializer = deserializer;
  }

  /** A builder with every tunable at its {@link KinesisSourceOptions} default. */
  public static <T> KinesisSourceBuilder<T> builder() {
    return new KinesisSourceBuilder<>();
  }

  /** The stream names read (ARNs resolved to names). */
  public List<String> streams() {
    return streams;
  }

  @Override
  public Boundedness getBoundedness() {
    return stopPosition == null ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<T, KinesisShardSplit> createReader(SourceReaderContext context)
      throws Exception {
    deserializer.open(
        new DeserializationSchema.InitializationContext() {
          @Override
          public MetricGroup getMetricGroup() {
            return context.metricGroup().addGroup("deserializer");
          }

          @Override
          public UserCodeClassLoader getUserCodeClassLoader() {
            return context.getUserCodeClassLoader();
          }
        });
    return new KinesisSourceReader<>(
        context,
        clientFactory,
        deserializer,
        maxRecordsPerPoll,
        pollInterval,
        throttleBackoffBase,
        throttleBackoffMax,
        stopPosition);
  }

  @Override
  public SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> createEnumerator(
      SplitEnumeratorContext<KinesisShardSplit> context) {
    return enumerator(context, null);
  }

  @Override
  public SplitEnumerator<KinesisShardSplit, KinesisEnumeratorState> restoreEnumerator(
      SplitEnumeratorContext<KinesisShardSplit> context, KinesisEnumeratorState checkpoint) {
    return enumerator(context, checkpoint);
  }

  private KinesisShardEnumerator enumerator(
      SplitEnumeratorContext<KinesisShardSplit> context, KinesisEnumeratorState restored) {
    return new KinesisShardEnumerator(
        context,
        streams,
        startingPosition,
        stopPosition != null,
        shardDiscoveryInterval,
        () -> ShardLister.of(clientFactory.create()),
        Clock.systemUTC(),
        restored);
  }

  @Override
  public SimpleVersionedSerializer<KinesisShardSplit> getSplitSerializer() {
    return KinesisShardSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<KinesisEnumeratorState> getEnumeratorCheckpointSerializer() {
    return KinesisEnumeratorStateSerializer.INSTANCE;
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return deserializer.getProducedType();
  }

  @Override
  public String toString() {
    return "KinesisSource{streams="
        + streams
        + ", client="
        + clientFactory
        + ", start="
        + startingPosition
        + (stopPosition == null ? "" : ", stop=" + stopPosition)
        + '}';
  }
}
