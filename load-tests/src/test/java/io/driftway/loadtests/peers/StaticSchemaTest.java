package io.driftway.loadtests.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.loadtests.data.DriftSchedule;
import io.driftway.loadtests.data.EventGenerator;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class StaticSchemaTest {

  private final EventGenerator generator =
      EventGenerator.builder()
          .preset(EventGenerator.Preset.KB_1)
          .drift(DriftSchedule.parse("add-field@50000/100000,nested-field@100000/100000"))
          .build();

  @Test
  void theBaseSchemaHasNoDriftField() {
    Schema base = StaticSchemas.of(generator, 0);

    assertThat(base.columns()).noneMatch(column -> column.name().startsWith("drift_"));
    assertThat(base.findField(EventGenerator.PAD)).isNotNull();
  }

  @Test
  void theFinalSchemaHasEveryFieldTheDriftAddsWithinTheRecords() {
    Schema last = StaticSchemas.of(generator, 250_000);

    // add-field at 50,000, 150,000 and 250,000 is past the last record (seq 249,999).
    assertThat(last.findField("drift_2")).isNotNull();
    assertThat(last.findField("drift_3")).isNull();
    Types.NestedField object =
        last.columns().stream().filter(c -> c.type().isStructType()).findFirst().orElseThrow();
    assertThat(object.type().asStructType().fields())
        .extracting(Types.NestedField::name)
        .containsExactly("id", "name", "extra_1", "extra_2");
  }
}
