package io.driftway.connectors.kinesis;

import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Turns each Kinesis record into zero or more values of the source's output type. Runs in the
 * source reader's task thread, one instance per parallel reader: {@link #open} once, then {@link
 * #deserialize} per record in shard order.
 *
 * <p>Driftway's pipelines use {@link #raw()} and decode in a later operator, where an undecodable
 * record becomes a quarantine row instead of a failed job. A deserializer that throws fails the job
 * (Flink restarts it from the last checkpoint), so throw only for what a restart can fix.
 *
 * <pre>{@code
 * KinesisRecordDeserializer<KinesisRecord> raw = KinesisRecordDeserializer.raw();
 * KinesisRecordDeserializer<String> text =
 *     KinesisRecordDeserializer.valueOnly(new SimpleStringSchema());
 * }</pre>
 *
 * @param <T> what the source emits
 */
public interface KinesisRecordDeserializer<T> extends Serializable, ResultTypeQueryable<T> {

  /** Called once per reader before the first record, e.g. to create parsers or metrics. */
  default void open(DeserializationSchema.InitializationContext context) throws Exception {}

  /** Emits what {@code record} turns into through {@code out} (nothing, to drop it). */
  void deserialize(KinesisRecord record, Collector<T> out) throws IOException;

  /** Emits every record unchanged, with its coordinates. */
  static KinesisRecordDeserializer<KinesisRecord> raw() {
    return new KinesisRecordDeserializer<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public void deserialize(KinesisRecord record, Collector<KinesisRecord> out) {
        out.collect(record);
      }

      @Override
      public TypeInformation<KinesisRecord> getProducedType() {
        return KinesisRecord.TYPE_INFO;
      }
    };
  }

  /**
   * Applies a Flink {@link DeserializationSchema} to the record bytes, dropping the coordinates.
   */
  static <T> KinesisRecordDeserializer<T> valueOnly(DeserializationSchema<T> schema) {
    Objects.requireNonNull(schema, "schema");
    return new KinesisRecordDeserializer<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public void open(DeserializationSchema.InitializationContext context) throws Exception {
        schema.open(context);
      }

      @Override
      public void deserialize(KinesisRecord record, Collector<T> out) throws IOException {
        // No copy: the record was built for this call only, and Flink schemas only read input.
        schema.deserialize(record.dataArray(), out);
      }

      @Override
      public TypeInformation<T> getProducedType() {
        return schema.getProducedType();
      }
    };
  }
}
