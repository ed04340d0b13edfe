package io.driftway.schemaevolution.fastpath;

import io.driftway.schemaevolution.row.Row;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The Avro fast path: a reader compiled for one table schema and one writer schema that decodes a
 * binary Avro payload into a {@link Row}, or answers {@code null} ("does not fit") so the record
 * takes the general path. Whether a writer schema can fit at all is decided once, at compile time
 * ({@link #canFit()}); values that do not fit (a union branch the column cannot hold, a long too
 * wide for a double column) are found per record.
 *
 * <p>For every record it accepts, the general path gives the same row. Thread-safe.
 *
 * <pre>{@code
 * AvroRowReader fast = FastPath.avro(tableSchema, writerSchema, policy);
 * Row row = fast.canFit() ? fast.read(payload) : null;
 * Row same = fast.read(decoded); // a record already decoded with writerSchema
 * }</pre>
 */
public interface AvroRowReader {

  /** The row of one binary-encoded record, or null. */
  Row read(byte[] payload);

  /**
   * The row of one record already decoded with {@link #writerSchema()} (its size checked by the
   * caller), or null. Lets a caller that decodes with its own checks (a bounded decoder, a schema
   * registry) skip inference and conform.
   */
  Row read(GenericRecord record);

  /** False when no record of this writer schema fits the table: every read answers null. */
  boolean canFit();

  /** The writer schema this reader decodes. */
  Schema writerSchema();
}
