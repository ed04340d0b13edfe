package io.driftway.connectors.format;

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

  @Override
  default void close() {}

  /** A decoder for {@code settings}. */
  static RecordDecoder create(FormatSettings settings) {
    return Decoders.create(settings);
  }
}
