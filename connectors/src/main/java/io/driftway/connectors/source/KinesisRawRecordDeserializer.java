package io.driftway.connectors.source;

import io.driftway.connectors.kinesis.KinesisRecord;
import io.driftway.connectors.kinesis.KinesisRecordDeserializer;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Hands every Kinesis record over as a {@link RawRecord}: the data untouched, the partition key as
 * the key, stream/shard/sequence number as coordinates.
 *
 * <pre>{@code
 * KinesisSource.<RawRecord>builder().deserializer(new KinesisRawRecordDeserializer())...
 * }</pre>
 */
public final class KinesisRawRecordDeserializer implements KinesisRecordDeserializer<RawRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(KinesisRecord record, Collector<RawRecord> out) {
    out.collect(
        RawRecord.of(
            record.data(),
            record.partitionKey() == null
                ? null
                : record.partitionKey().getBytes(StandardCharsets.UTF_8),
            SourceCoordinates.kinesis(record.stream(), record.shardId(), record.sequenceNumber()),
            record.approximateArrivalTimestamp() == null
                ? -1
                : record.approximateArrivalTimestamp().toEpochMilli()));
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return TypeInformation.of(RawRecord.class);
  }
}
