package io.driftway.connectors.tracking;

import io.driftway.connectors.format.RecordDecoder;
import io.driftway.connectors.registry.DecodedAvroRecord;
import io.driftway.connectors.source.Encoding;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.QuarantineReason;
import io.driftway.schemaevolution.record.RecordRejectedException;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Decodes raw records the way their table asks (hints, limits, timestamp inference), or the
 * routing's way while the table is not known yet; a record that cannot be decoded goes to its
 * table's quarantine, or the pipeline's fallback quarantine before routing.
 */
final class Decoding implements AutoCloseable {

  private final RecordDecoder decoder;
  private final Router router;
  private final TrackingOutput output;
  private final InferenceOptions routingInference = InferenceOptions.defaults();

  Decoding(TrackingSettings settings, Router router, TrackingOutput output) {
    this.decoder = RecordDecoder.create(settings.format());
    this.router = router;
    this.output = output;
  }

  /** The decoded record, or null when it went to quarantine; {@code table} null before routing. */
  DynamicRecord decode(RawRecord raw, TableState table) {
    try {
      return decoder.decode(raw, table == null ? routingInference : table.inference);
    } catch (RecordRejectedException e) {
      QuarantineReason reason = e.reason();
      TableIdentifier target = table == null ? router.fallbackQuarantine() : table.quarantineId;
      output.quarantine(
          raw,
          target,
          Stages.of(reason),
          reason.message(),
          e.getCause() == null ? null : e.getCause().getClass().getName());
      return null;
    }
  }

  /**
   * {@code raw}'s Avro record for {@code table}'s Avro fast path, or null when it is not Confluent
   * Avro within the table's record size limit or does not decode (see {@link
   * RecordDecoder#decodeAvro}).
   */
  DecodedAvroRecord decodeAvro(RawRecord raw, TableState table) {
    return decoder.decodeAvro(raw, table.inference.limits().maxRecordBytes());
  }

  /** Whether a record routed by field must be read again for {@code table}'s own options. */
  boolean readsDifferentlyFor(TableState table) {
    return !table.settings.hints().isEmpty() || !table.inference.equals(routingInference);
  }

  @Override
  public void close() {
    decoder.close();
  }

  /**
   * Whether the fast path may read {@code raw} as it is: a streamed record of a JSON pipeline, or a
   * JSON line without partition values (those are added by the decoder only).
   */
  static boolean isPlainJson(RawRecord raw) {
    return raw.encoding() == null
        || (raw.encoding().kind() == Encoding.Kind.JSON && !raw.hasPartitions());
  }
}
