package io.driftway.schemaevolution.infer;

import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.io.EOFException;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Entry points for inference: one inferrer per format.
 *
 * <pre>{@code
 * InferenceOptions options = InferenceOptions.forTable(policy);
 * RecordInferrer<byte[]> json = Inferrers.json(options);
 * RecordInferrer<GenericRecord> avro = Inferrers.avro(options);
 * RecordInferrer<byte[]> avroBytes = Inferrers.avroBinary(writerSchema, options);
 * CsvInferrer csv = Inferrers.csv(CsvOptions.defaults(), options);
 * }</pre>
 */
public final class Inferrers {

  private Inferrers() {}

  /** JSON objects, read with a streaming parser. */
  public static RecordInferrer<byte[]> json(InferenceOptions options) {
    return new JsonInferrer(options);
  }

  /** Avro records already decoded; the writer schema is the record's schema. */
  public static RecordInferrer<GenericRecord> avro(InferenceOptions options) {
    return new AvroInferrer(options);
  }

  /**
   * Avro binary payloads (no container header, no wire-format prefix) written with {@code
   * writerSchema}.
   */
  public static RecordInferrer<byte[]> avroBinary(Schema writerSchema, InferenceOptions options) {
    AvroInferrer inferrer = new AvroInferrer(options);
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(writerSchema);
    String name = writerSchema.getFullName();
    // Checked before any record is read: a recursive schema has no table form, and reading its
    // records recurses as deep as the data says (a 10,000-deep chain overflows the stack).
    String unusable = inferrer.unusable(writerSchema);
    return new RecordInferrer<>() {
      @Override
      public DynamicRecord infer(byte[] input, SourceCoordinates coordinates) {
        if (input.length > options.limits().maxRecordBytes()) {
          throw RecordRejectedException.overLimit(
              Limits.MAX_RECORD_BYTES,
              "record size",
              input.length,
              options.limits().maxRecordBytes(),
              "");
        }
        if (unusable != null) {
          throw RecordRejectedException.malformed("Avro", unusable, coordinates, null);
        }
        GenericRecord record;
        try {
          BoundedAvroDecoder decoder = BoundedAvroDecoder.over(input, 0, input.length);
          record = reader.read(null, decoder);
          if (!decoder.isEnd()) {
            throw RecordRejectedException.malformed(
                "Avro",
                "bytes left after the record of schema " + name + ": " + input.length + " bytes",
                coordinates,
                null);
          }
        } catch (EOFException e) {
          throw RecordRejectedException.malformed(
              "Avro",
              "payload ends early for schema " + name + ": " + input.length + " bytes",
              coordinates,
              e);
        } catch (IOException
            | AvroRuntimeException
            | IndexOutOfBoundsException
            | NegativeArraySizeException e) {
          // Avro reports corrupt input with assorted exceptions (bad union index, negative
          // length, bad varint...): each means these bytes are not a record of the schema.
          throw RecordRejectedException.malformed(
              "Avro",
              "payload does not match schema " + name + ": " + e.getMessage(),
              coordinates,
              e);
        }
        return inferrer.infer(record, coordinates, input.length);
      }
    };
  }

  /** CSV with a header row. */
  public static CsvInferrer csv(CsvOptions csv, InferenceOptions options) {
    return new CsvInference(csv, options);
  }
}
