package io.driftway.connectors.kinesis.reader;

import io.driftway.connectors.kinesis.KinesisRecord;
import io.driftway.connectors.kinesis.KinesisRecordDeserializer;
import io.driftway.connectors.kinesis.split.KinesisShardSplitState;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Hands each fetched record to the deserializer with its arrival time as event time, then moves the
 * split's position past it. Called only from the task thread, between checkpoints, so a snapshot
 * never sees a record emitted but not recorded, or recorded but not emitted.
 */
final class KinesisRecordEmitter<T> implements RecordEmitter<Record, T, KinesisShardSplitState> {

  private final KinesisRecordDeserializer<T> deserializer;
  private final TimestampedCollector<T> collector = new TimestampedCollector<>();

  KinesisRecordEmitter(KinesisRecordDeserializer<T> deserializer) {
    this.deserializer = deserializer;
  }

  @Override
  public void emitRecord(Record record, SourceOutput<T> output, KinesisShardSplitState state)
      throws Exception {
    if (PollingShardSplitReader.isShardEnd(record)) {
      state.markShardEnd();
      return;
    }
    KinesisRecord value =
        KinesisRecord.wrap(
            state.stream(),
            state.shardId(),
            record.sequenceNumber(),
            record.partitionKey(),
            record.approximateArrivalTimestamp(),
            // The SDK record is dropped right after this call: its bytes need no copy.
            record.data().asByteArrayUnsafe());
    collector.output = output;
    collector.timestamp = value.approximateArrivalTimestamp().toEpochMilli();
    deserializer.deserialize(value, collector);
    state.recordEmitted(record.sequenceNumber());
  }

  /** Forwards to the source output with the current record's timestamp. */
  private static final class TimestampedCollector<T> implements Collector<T> {
    SourceOutput<T> output;
    long timestamp;

    @Override
    public void collect(T value) {
      output.collect(value, timestamp);
    }

    @Override
    public void close() {}
  }
}
