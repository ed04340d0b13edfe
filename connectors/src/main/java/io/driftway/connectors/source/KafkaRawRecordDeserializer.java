package io.driftway.connectors.source;

import io.driftway.schemaevolution.record.SourceCoordinates;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Hands every Kafka record over as a {@link RawRecord}, bytes untouched, so that decoding errors
 * become quarantine rows instead of source failures.
 *
 * <pre>{@code
 * KafkaSource.<RawRecord>builder().setDeserializer(new KafkaRawRecordDeserializer())...
 * }</pre>
 */
public final class KafkaRawRecordDeserializer
    implements KafkaRecordDeserializationSchema<RawRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
    out.collect(
        RawRecord.of(
            record.value(),
            record.key(),
            SourceCoordinates.kafka(record.topic(), record.partition(), record.offset()),
            record.timestamp()));
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return TypeInformation.of(RawRecord.class);
  }
}
