package io.driftway.connectors.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes Avro records in the Confluent wire format, for tests and the data generator. The record's
 * own schema is the writer schema; the caller registers it first and passes its id.
 *
 * <pre>{@code
 * int id = registry.register("orders-value", record.getSchema());
 * byte[] bytes = ConfluentAvroEncoder.encode(id, record);
 * }</pre>
 */
public final class ConfluentAvroEncoder {

  private ConfluentAvroEncoder() {}

  /** {@code record} as Avro binary behind the header for {@code schemaId}. */
  public static byte[] encode(int schemaId, GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.write(ConfluentWireFormat.MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail; this is unreachable in practice.
      throw new UncheckedIOException("Cannot encode record: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }
}
