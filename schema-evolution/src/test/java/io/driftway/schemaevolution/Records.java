package io.driftway.schemaevolution;

import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: records from JSON text, tables from type strings. */
public final class Records {

  private Records() {}

  /** A JSON record read with the table's hints and limits. */
  public static DynamicRecord json(String json, TablePolicy policy) {
    return Inferrers.json(InferenceOptions.forTable(policy))
        .infer(json.getBytes(StandardCharsets.UTF_8), SourceCoordinates.kafka("t", 0, 1L));
  }

  /** A JSON record read with default options. */
  public static DynamicRecord json(String json) {
    return json(json, TablePolicy.defaults());
  }

  /**
   * A table schema from a struct type string; every field optional, except those whose name is
   * listed in {@code required} (top level).
   */
  public static StructType table(String struct, String... required) {
    StructType parsed = (StructType) TypeParser.parse(struct);
    List<Field> fields = new ArrayList<>();
    for (Field field : parsed.fields()) {
      boolean isRequired = List.of(required).contains(field.name());
      fields.add(new Field(field.name(), field.type(), !isRequired));
    }
    return StructType.of(fields);
  }

  /** {@code table} with the rescued-data column first. */
  public static StructType withRescued(String struct, String... required) {
    StructType table = table(struct, required);
    List<Field> fields = new ArrayList<>();
    fields.add(
        Field.optional(
            TablePolicy.DEFAULT_RESCUED_COLUMN,
            io.driftway.schemaevolution.types.PrimitiveType.STRING));
    fields.addAll(table.fields());
    return StructType.of(fields);
  }
}
