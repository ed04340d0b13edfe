package io.driftway.connectors.registry;

import io.driftway.schemaevolution.infer.BoundedAvroDecoder;
import io.driftway.schemaevolution.mapping.AvroSchemas;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes Confluent-framed Avro records into {@link GenericRecord}s with their writer schema, the
 * schema each record was written with (no reader schema: the schema layer infers from the writer's
 * view). Writer schemas come from the registry by id; datum readers are cached per id.
 *
 * <p>Not thread-safe: one decoder per Flink subtask, created in {@code open()}; the registry client
 * behind it may be shared.
 *
 * <pre>{@code
 * ConfluentAvroDecoder decoder = ConfluentAvroDecoder.of(SchemaRegistryClient.create(config));
 * try {
 *   DecodedAvroRecord decoded = decoder.decode(record.data());
 *   out.collect(toDynamicRecord(decoded.record(), decoded.writerSchema()));
 * } catch (RecordDecodeException e) {
 *   quarantine.collect(quarantineRow(record, e.failure().code(), e.getMessage()));
 * }
 * }</pre>
 */
public final class ConfluentAvroDecoder {

  private final SchemaRegistryClient registry;
  private final LruCache<Integer, GenericDatumReader<Object>> readers;
  private final LruCache<Integer, List<String>> subjects;
  private BoundedAvroDecoder reused;

  private ConfluentAvroDecoder(SchemaRegistryClient registry, int readerCacheCapacity) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.readers = new LruCache<>(readerCacheCapacity);
    this.subjects = new LruCache<>(readerCacheCapacity);
  }

  /** A decoder over {@code registry}, caching readers for up to 1000 schema ids. */
  public static ConfluentAvroDecoder of(SchemaRegistryClient registry) {
    return new ConfluentAvroDecoder(registry, SchemaRegistryOptions.CACHE_CAPACITY.defaultValue());
  }

  /**
   * Decodes one framed record.
   *
   * @throws RecordDecodeException when the record itself is at fault (quarantine it)
   * @throws SchemaRegistryException when the registry cannot answer (fail and retry)
   */
  public DecodedAvroRecord decode(byte[] framed) throws RecordDecodeException {
    return decode(framed, null);
  }

  /**
   * Decodes one framed record whose schema id must be a version of {@code subject} (null: any
   * subject).
   *
   * @throws RecordDecodeException when the record itself is at fault (quarantine it)
   * @throws SchemaRegistryException when the registry cannot answer (fail and retry)
   */
  public DecodedAvroRecord decode(byte[] framed, String subject) throws RecordDecodeException {
    int id = ConfluentWireFormat.schemaId(framed);
    GenericDatumReader<Object> reader = reader(id);
    if (subject != null) {
      checkSubject(id, subject);
    }
    Schema writer = reader.getSchema();
    // Bounded: a length the payload claims is checked against the bytes left before Avro
    // allocates it (five bytes claiming a 2 GB string would otherwise exhaust the heap).
    BoundedAvroDecoder payload =
        BoundedAvroDecoder.over(
            framed,
            ConfluentWireFormat.HEADER_LENGTH,
            framed.length - ConfluentWireFormat.HEADER_LENGTH,
            reused);
    reused = payload;
    Object datum;
    try {
      datum = reader.read(null, payload);
      if (!payload.isEnd()) {
        throw new RecordDecodeException(
            DecodeFailure.MALFORMED_PAYLOAD,
            "Cannot decode record: bytes left after the Avro record of writer schema "
                + id
                + ": "
                + (framed.length - ConfluentWireFormat.HEADER_LENGTH)
                + " payload bytes");
      }
    } catch (EOFException e) {
      throw new RecordDecodeException(
          DecodeFailure.TRUNCATED_PAYLOAD,
          "Cannot decode record: Avro payload ends early for writer schema "
              + id
              + ": "
              + (framed.length - ConfluentWireFormat.HEADER_LENGTH)
              + " payload bytes",
          e);
    } catch (IOException
        | AvroRuntimeException
        | IndexOutOfBoundsException
        | NegativeArraySizeException e) {
      // Avro reports corrupt input with assorted exceptions (bad union index, negative length,
      // invalid UTF-8...): each means this record's bytes do not fit its schema.
      throw new RecordDecodeException(
          DecodeFailure.MALFORMED_PAYLOAD,
          "Cannot decode record: Avro payload does not match writer schema "
              + id
              + ": "
              + e.getMessage(),
          e);
    }
    return new DecodedAvroRecord(id, writer, (GenericRecord) datum);
  }

  private void checkSubject(int id, String subject) throws RecordDecodeException {
    List<String> holders = subjects.get(id);
    if (holders == null) {
      // Asked once per id: a stream of records with another topic's id costs one request.
      holders = registry.subjectsOf(id);
      subjects.put(id, holders);
    }
    if (!holders.contains(subject)) {
      throw new RecordDecodeException(
          DecodeFailure.WRONG_SUBJECT,
          "Cannot decode record: schema id "
              + id
              + " is not a version of subject "
              + subject
              + " (it is one of "
              + holders
              + ")");
    }
  }

  private GenericDatumReader<Object> reader(int id) throws RecordDecodeException {
    GenericDatumReader<Object> reader = readers.get(id);
    if (reader != null) {
      return reader;
    }
    Schema writer;
    try {
      writer = registry.schemaById(id);
    } catch (InvalidSchemaException e) {
      throw new RecordDecodeException(
          DecodeFailure.UNUSABLE_SCHEMA,
          "Cannot decode record: unusable schema id " + id + ": " + e.getMessage(),
          e);
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        throw new RecordDecodeException(
            DecodeFailure.UNKNOWN_SCHEMA_ID, "Cannot decode record: unknown schema id: " + id, e);
      }
      throw e;
    }
    if (writer.getType() != Schema.Type.RECORD) {
      throw new RecordDecodeException(
          DecodeFailure.UNUSABLE_SCHEMA,
          "Cannot decode record: writer schema " + id + " is not a record: " + writer.getType());
    }
    try {
      // Checked before any record is read: a recursive schema has no table form, and reading its
      // records recurses as deep as the data says (a 10,000-deep chain overflows the stack).
      AvroSchemas.fromAvro(writer);
    } catch (IllegalArgumentException e) {
      throw new RecordDecodeException(
          DecodeFailure.UNUSABLE_SCHEMA,
          "Cannot decode record: unusable schema id " + id + ": " + e.getMessage(),
          e);
    }
    reader = new GenericDatumReader<>(writer);
    readers.put(id, reader);
    return reader;
  }
}
