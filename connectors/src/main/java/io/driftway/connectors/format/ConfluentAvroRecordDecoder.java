package io.driftway.connectors.format;

import io.driftway.connectors.registry.ConfluentAvroDecoder;
import io.driftway.connectors.registry.DecodedAvroRecord;
import io.driftway.connectors.registry.RecordDecodeException;
import io.driftway.connectors.registry.SchemaRegistryClient;
import io.driftway.connectors.registry.SchemaRegistryConfig;
import io.driftway.connectors.registry.SchemaRegistryException;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.infer.RecordInferrer;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro in the Confluent wire format: writer schemas come from the Schema Registry by the id in each
 * record's header, and the schema layer infers from the decoded record.
 *
 * <p>A record at fault (bad magic byte, short header, unknown or unusable schema id, payload that
 * does not match its schema) is rejected with a reason, so it goes to quarantine. A registry that
 * cannot answer ({@link SchemaRegistryException}) is not the record's fault: it escapes, the job
 * fails and restarts from its last checkpoint, and nothing is lost.
 */
final class ConfluentAvroRecordDecoder implements RecordDecoder {

  static final String FORMAT = "avro-confluent";

  private static final String DECODE_PREFIX = "Cannot decode record: ";

  private final ConfluentAvroDecoder decoder;
  private final FormatSettings.SubjectStrategy subjects;
  private final Map<InferenceOptions, RecordInferrer<GenericRecord>> inferrers = new HashMap<>();

  /**
   * The record {@link #decodeAvro} read last, kept for a {@link #decode} of the same record: one
   * that does not fit its table's schema as it is is read in full next, and not decoded twice.
   */
  private RawRecord lastRaw;

  private DecodedAvroRecord lastDecoded;

  /** A decoder over {@code registry}; tests pass an in-memory registry. */
  ConfluentAvroRecordDecoder(SchemaRegistryClient registry) {
    this(registry, FormatSettings.SubjectStrategy.ANY);
  }

  ConfluentAvroRecordDecoder(
      SchemaRegistryClient registry, FormatSettings.SubjectStrategy subjects) {
    this.decoder = ConfluentAvroDecoder.of(registry);
    this.subjects = subjects;
  }

  /** A decoder over the registry of {@code settings}, reached over HTTP(S). */
  static ConfluentAvroRecordDecoder of(FormatSettings settings) {
    return new ConfluentAvroRecordDecoder(
        SchemaRegistryClient.create(registryConfig(settings)), settings.registrySubjects());
  }

  static SchemaRegistryConfig registryConfig(FormatSettings settings) {
    SchemaRegistryConfig.Builder builder =
        SchemaRegistryConfig.builder(settings.registryUrl().toString());
    if (settings.registryUsername() != null) {
      builder.basicAuth(
          settings.registryUsername(),
          settings.registryPassword() == null ? "" : settings.registryPassword());
    }
    return builder.build();
  }

  /**
   * {@inheritDoc}
   *
   * @throws SchemaRegistryException when the registry cannot answer: fail and retry
   */
  @Override
  @SuppressWarnings("ReferenceEquality") // the very record decodeAvro read, not an equal one
  public DynamicRecord decode(RawRecord raw, InferenceOptions options) {
    byte[] bytes = raw.value();
    if (bytes == null) {
      throw RecordRejectedException.malformed(
          FORMAT, "it has no value (a tombstone)", raw.coordinates(), null);
    }
    long maxBytes = options.limits().maxRecordBytes();
    if (bytes.length > maxBytes) {
      // Checked before decoding: an oversized payload is never parsed.
      throw RecordRejectedException.overLimit(
          Limits.MAX_RECORD_BYTES, "record size", bytes.length, maxBytes, "");
    }
    GenericRecord record = raw == lastRaw ? lastDecoded.record() : null;
    forget();
    if (record == null) {
      try {
        record = decoder.decode(bytes, subject(raw.coordinates())).record();
      } catch (RecordDecodeException e) {
        throw RecordRejectedException.malformed(FORMAT, detail(e), raw.coordinates(), e);
      }
    }
    DynamicRecord inferred =
        inferrers.computeIfAbsent(options, Inferrers::avro).infer(record, raw.coordinates());
    return new DynamicRecord(
        inferred.values(), inferred.schema(), inferred.coordinates(), bytes.length);
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // the very record read last, not an equal one
  public DecodedAvroRecord decodeAvro(RawRecord raw, long maxRecordBytes) {
    byte[] bytes = raw.value();
    if (bytes == null || bytes.length > maxRecordBytes) {
      forget();
      return null;
    }
    if (raw == lastRaw) {
      // Tried for the table's schema, now for the schema it is about to settle at.
      return lastDecoded;
    }
    forget();
    try {
      lastDecoded = decoder.decode(bytes, subject(raw.coordinates()));
    } catch (RecordDecodeException e) {
      // At fault: decode reads it again and quarantines it with this reason.
      return null;
    }
    lastRaw = raw;
    return lastDecoded;
  }

  private void forget() {
    lastRaw = null;
    lastDecoded = null;
  }

  /** The subject the record's schema id must belong to, or null for any. */
  private String subject(SourceCoordinates at) {
    if (subjects == FormatSettings.SubjectStrategy.ANY) {
      return null;
    }
    // TopicNameStrategy: the value schemas of a topic (or stream) are subject <topic>-value.
    if (at instanceof SourceCoordinates.Kafka kafka) {
      return kafka.topic() + "-value";
    }
    if (at instanceof SourceCoordinates.Kinesis kinesis) {
      return kinesis.stream() + "-value";
    }
    return null;
  }

  /** The reason without the registry layer's own "Cannot decode record: " prefix. */
  private static String detail(RecordDecodeException e) {
    String message = e.getMessage();
    return message.startsWith(DECODE_PREFIX) ? message.substring(DECODE_PREFIX.length()) : message;
  }
}
