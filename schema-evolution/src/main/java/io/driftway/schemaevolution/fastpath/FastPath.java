package io.driftway.schemaevolution.fastpath;

import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.types.StructType;
import org.apache.avro.Schema;

/**
 * Compiles fast-path readers for a table schema.
 *
 * <pre>{@code
 * JsonRowReader json = FastPath.json(table, policy, InferenceOptions.forTable(policy));
 * AvroRowReader avro = FastPath.avro(table, writerSchema, policy);
 * }</pre>
 */
public final class FastPath {

  private FastPath() {}

  /**
   * A JSON reader for {@code table}, reading scalars as inference with {@code options} does (the
   * table's hints, limits, timestamp inference).
   */
  public static JsonRowReader json(StructType table, TablePolicy policy, InferenceOptions options) {
    return new CompiledJsonReader(table, policy, options);
  }

  /** An Avro reader for {@code table} and payloads written with {@code writerSchema}. */
  public static AvroRowReader avro(StructType table, Schema writerSchema, TablePolicy policy) {
    return new CompiledAvroReader(table, writerSchema, policy);
  }
}
