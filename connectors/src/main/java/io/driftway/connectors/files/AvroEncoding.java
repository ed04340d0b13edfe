package io.driftway.connectors.files;

import io.driftway.connectors.source.Encoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Turns decoded Avro records (from a container file or Parquet) back into binary datums with their
 * writer schema, so they travel as bytes and are decoded like any other Avro record. One per open
 * file; the writer is rebuilt only when the schema object changes.
 */
final class AvroEncoding {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 10);
  private BinaryEncoder encoder;
  private Schema schema;
  private GenericDatumWriter<GenericRecord> writer;
  private Encoding encoding;

  /** The encoding of the last {@link #encode} call's record. */
  Encoding encoding() {
    return encoding;
  }

  byte[] encode(GenericRecord record) throws IOException {
    Schema recordSchema = record.getSchema();
    // Identity on purpose: records of one file share their schema object; equals would walk the
    // whole schema per record.
    @SuppressWarnings("ReferenceEquality")
    boolean same = recordSchema == schema;
    if (!same) {
      schema = recordSchema;
      writer = new GenericDatumWriter<>(recordSchema, GenericData.get());
      encoding = Encoding.avro(recordSchema.toString());
    }
    bytes.reset();
    encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
    writer.write(record, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }
}
