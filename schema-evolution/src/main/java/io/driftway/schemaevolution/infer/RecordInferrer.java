package io.driftway.schemaevolution.infer;

import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;

/**
 * Reads one input record into a {@link DynamicRecord}: its values and the schema inferred from it
 * alone. Implementations are thread-safe and keep no per-record state.
 *
 * <pre>{@code
 * RecordInferrer<byte[]> json = Inferrers.json(InferenceOptions.forTable(policy));
 * try {
 *   DynamicRecord record = json.infer(bytes, SourceCoordinates.kafka("orders", 0, 42L));
 * } catch (RecordRejectedException e) {
 *   quarantine(bytes, e.reason());
 * }
 * }</pre>
 *
 * @param <I> the input: bytes, an Avro {@code GenericRecord}, a CSV line
 */
public interface RecordInferrer<I> {

  /**
   * Reads one record.
   *
   * @throws RecordRejectedException when the input is malformed or over a limit; the caller
   *     quarantines it with the exception's reason
   */
  DynamicRecord infer(I input, SourceCoordinates coordinates);
}
