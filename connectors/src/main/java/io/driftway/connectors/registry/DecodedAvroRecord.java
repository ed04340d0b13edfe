package io.driftway.connectors.registry;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A decoded record with the writer schema it was written with and that schema's registry id: what
 * the schema layer needs to infer the record's own schema.
 *
 * <pre>{@code
 * DecodedAvroRecord decoded = decoder.decode(bytes);
 * Object id = decoded.record().get("id");
 * }</pre>
 */
public record DecodedAvroRecord(int schemaId, Schema writerSchema, GenericRecord record) {

  public DecodedAvroRecord {
    Objects.requireNonNull(writerSchema, "writerSchema");
    Objects.requireNonNull(record, "record");
  }
}
