package io.driftway.schemaevolution.record;

import io.driftway.schemaevolution.types.StructType;
import java.util.Objects;

/**
 * One decoded input record: its values, the schema inferred from this record alone, where it came
 * from, and its encoded size (Glue's DynamicRecord).
 *
 * <pre>{@code
 * DynamicRecord record = Inferrers.json(InferenceOptions.defaults())
 *     .infer(bytes, SourceCoordinates.kafka("orders", 0, 42L));
 * record.schema(); // struct<id:long not null,...>
 * }</pre>
 *
 * @param values the top-level values
 * @param schema the schema inferred from this record alone; one field per distinct name
 * @param coordinates where the record came from
 * @param sizeBytes the size of the encoded record, or -1 when unknown
 */
public record DynamicRecord(
    StructValue values, StructType schema, SourceCoordinates coordinates, long sizeBytes) {

  /** Validates the parts. */
  public DynamicRecord {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(coordinates, "coordinates");
  }

  /** A record of unknown size. */
  public static DynamicRecord of(
      StructValue values, StructType schema, SourceCoordinates coordinates) {
    return new DynamicRecord(values, schema, coordinates, -1);
  }
}
