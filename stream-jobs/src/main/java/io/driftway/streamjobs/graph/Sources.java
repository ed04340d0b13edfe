package io.driftway.streamjobs.graph;

import io.driftway.connectors.kinesis.KinesisReadMode;
import io.driftway.connectors.kinesis.KinesisSource;
import io.driftway.connectors.kinesis.KinesisSourceBuilder;
import io.driftway.connectors.kinesis.KinesisStartingPosition;
import io.driftway.connectors.source.KafkaRawRecordDeserializer;
import io.driftway.connectors.source.KinesisRawRecordDeserializer;
import io.driftway.connectors.source.RawRecord;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.SourceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Turns the sources of a pipeline spec into one stream of raw records; backfills build their
 * bounded sources on the same connection settings ({@link #kinesisBuilder}).
 */
public final class Sources {

  private Sources() {}

  static DataStream<RawRecord> raw(StreamExecutionEnvironment env, PipelineSpec spec) {
    List<DataStream<RawRecord>> streams = new ArrayList<>();
    for (int i = 0; i < spec.sources().size(); i++) {
      SourceSpec source = spec.sources().get(i);
      String uid = spec.name() + "-source-" + i;
      DataStream<RawRecord> stream;
      if (source instanceof SourceSpec.Kafka kafka) {
        stream =
            env.fromSource(
                    kafka(kafka), WatermarkStrategy.noWatermarks(), "kafka " + describe(kafka))
                .uid(uid);
      } else {
        SourceSpec.Kinesis kinesis = (SourceSpec.Kinesis) source;
        stream =
            env.fromSource(
                    kinesis(kinesis),
                    WatermarkStrategy.noWatermarks(),
                    "kinesis " + String.join(",", kinesis.streams()))
                .uid(uid);
      }
      streams.add(stream);
    }
    DataStream<RawRecord> all = streams.get(0);
    for (DataStream<RawRecord> more : streams.subList(1, streams.size())) {
      all = all.union(more);
    }
    return all;
  }

  static KafkaSource<RawRecord> kafka(SourceSpec.Kafka spec) {
    KafkaSourceBuilder<RawRecord> builder =
        KafkaSource.<RawRecord>builder()
            .setBootstrapServers(spec.bootstrapServers())
            .setGroupId(spec.groupId())
            .setDeserializer(new KafkaRawRecordDeserializer())
            // Offsets live in Flink checkpoints; committing them too lets ops tools see the lag.
            .setProperty("commit.offsets.on.checkpoint", "true")
            .setProperty("partition.discovery.interval.ms", "30000");
    spec.properties().forEach(builder::setProperty);
    if (spec.topicPattern().isPresent()) {
      builder.setTopicPattern(Pattern.compile(spec.topicPattern().get()));
    } else {
      builder.setTopics(spec.topics());
    }
    builder.setStartingOffsets(
        switch (spec.start()) {
          case EARLIEST -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
          case LATEST -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST);
          case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
          case TIMESTAMP ->
              OffsetsInitializer.timestamp(spec.startTimestamp().orElseThrow().toEpochMilli());
        });
    return builder.build();
  }

  static KinesisSource<RawRecord> kinesis(SourceSpec.Kinesis spec) {
    return kinesisBuilder(spec)
        .streams(spec.streams())
        .startingPosition(
            switch (spec.start()) {
              case LATEST -> KinesisStartingPosition.latest();
              case TRIM_HORIZON -> KinesisStartingPosition.trimHorizon();
              case AT_TIMESTAMP ->
                  KinesisStartingPosition.atTimestamp(spec.startTimestamp().orElseThrow());
            })
        .build();
  }

  /**
   * A Kinesis source builder with the connection settings of {@code spec} (region, endpoint,
   * credentials, read mode) and the raw-record deserializer; streams and positions are the
   * caller's.
   */
  public static KinesisSourceBuilder<RawRecord> kinesisBuilder(SourceSpec.Kinesis spec) {
    KinesisSourceBuilder<RawRecord> builder =
        KinesisSource.<RawRecord>builder()
            .region(spec.region())
            .deserializer(new KinesisRawRecordDeserializer());
    spec.endpoint().ifPresent(builder::endpoint);
    if (spec.accessKeyId().isPresent() && spec.secretAccessKey().isPresent()) {
      builder.staticCredentials(spec.accessKeyId().get(), spec.secretAccessKey().get());
    }
    if (spec.consumer() == SourceSpec.KinesisConsumer.ENHANCED_FAN_OUT) {
      builder
          .readMode(KinesisReadMode.ENHANCED_FAN_OUT)
          .efoConsumerName(spec.consumerName().orElseThrow());
    }
    return builder;
  }

  private static String describe(SourceSpec.Kafka kafka) {
    return kafka.topicPattern().orElse(String.join(",", kafka.topics()));
  }
}
