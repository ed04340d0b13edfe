package io.driftway.connectors.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.schemaevolution.types.ChoiceType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settle proposals and decisions keep every schema exactly across the wire. */
class SchemaCodecTest {

  @Test
  void everyKindOfTypeComesBackEqual() {
    StructType nested =
        StructType.of(
            Field.required("id", PrimitiveType.LONG),
            Field.optional("price", DecimalType.of(10, 2)),
            Field.optional(
                "items", ListType.of(StructType.of(Field.optional("qty", PrimitiveType.INT)))),
            Field.optional("tags", MapType.ofStringKeys(PrimitiveType.TIMESTAMPTZ)),
            Field.optional("x", ChoiceType.of(PrimitiveType.STRING, PrimitiveType.LONG)),
            Field.optional("value", ListType.ofRequired(PrimitiveType.BINARY)));
    Map<String, List<StructType>> schemas =
        Map.of("events", List.of(nested, StructType.empty()), "orders", List.of());

    assertThat(SchemaCodec.decode(SchemaCodec.encode(schemas))).isEqualTo(schemas);
  }
}
