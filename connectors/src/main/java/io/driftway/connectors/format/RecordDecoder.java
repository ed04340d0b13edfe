package io.driftway.connectors.format;

import io.driftway.connectors.registry.DecodedAvroRecord;
import io.driftway.connectors.registry.SchemaRegistryException;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;

/**
 * Turns raw bytes into a dynamic record (values plus the schema of this record alone). One decoder
 * per subtask: implementations may keep parsers and caches and are not thread-safe.
 *
 * <pre>{@code
 * RecordDecoder decoder = RecordDecoder.create(settings);
 * try {
 *   DynamicRecord record = decoder.decode(raw, InferenceOptions.forTable(policy));
 * } catch (RecordRejectedException e) {
 *   // quarantine with e.reason()
 * }
 * }</pre>
 */
public interface RecordDecoder extends AutoCloseable {

  /**
   * Decodes {@code raw} with the table's inference options (hints, limits).
   *
   * @throws RecordRejectedException when the bytes are not a record of the format, or over a limit
   */
  DynamicRecord decode(RawRecord raw, InferenceOptions options);

  /**
   * The Avro record in {@code raw} with its writer schema, for the Avro fast path: for Avro in the
   * Confluent wire format, when the record is at most {@code maxRecordBytes} long and decodes
   * cleanly; null for any other format or record ({@link #decode} then says what is wrong). The
   * record is decoded once: asking again for the same record, or a {@code decode} of it right
   * after, reuses what this read.
   *
   * @throws SchemaRegistryException when the registry cannot answer (fail and retry)
   */
  default DecodedAvroRecord decodeAvro(RawRecord raw, long maxRecordBytes) {
    return null;
  }

  @Override
  default void close() {}

  /** A decoder for {@code settings}. */
  static RecordDecoder create(FormatSettings settings) {
    return Decoders.create(settings);
  }
}
