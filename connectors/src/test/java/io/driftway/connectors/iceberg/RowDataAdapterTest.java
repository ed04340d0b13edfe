package io.driftway.connectors.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.row.GenericArray;
import io.driftway.schemaevolution.row.GenericMap;
import io.driftway.schemaevolution.row.GenericRow;
import io.driftway.schemaevolution.row.Utf8Text;
import io.driftway.schemaevolution.types.ChoiceType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;

class RowDataAdapterTest {

  private static final StructType SCHEMA =
      StructType.of(
          Field.required("id", PrimitiveType.LONG),
          Field.optional("name", PrimitiveType.STRING),
          Field.optional("amount", DecimalType.of(12, 2)),
          Field.optional("at", PrimitiveType.TIMESTAMPTZ),
          Field.optional("opens", PrimitiveType.TIME),
          Field.optional("ref", PrimitiveType.UUID),
          Field.optional("tags", ListType.of(PrimitiveType.STRING)),
          Field.optional("scores", MapType.ofStringKeys(PrimitiveType.INT)),
          Field.optional("address", StructType.of(Field.optional("city", PrimitiveType.STRING))));

  @Test
  void handsTextOnAsItsUtf8Bytes() {
    String text = "Zoë sends ☕ and 🍰";
    GenericRow row =
        GenericRow.of(
            1L, text, null, null, null, null, GenericArray.of(text), null, GenericRow.of(text));

    RowData data = RowDataAdapter.forSchema(SCHEMA).adapt(row);

    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    assertThat(data.getString(1).toBytes()).isEqualTo(utf8);
    assertThat(data.getString(1).toString()).isEqualTo(text);
    assertThat(data.getArray(6).getString(0).toBytes()).isEqualTo(utf8);
    assertThat(data.getRow(8, 1).getString(0).toString()).isEqualTo(text);
  }

  @Test
  void handsTextHeldAsASliceOfTheRecordOnWithoutCopyingIt() {
    byte[] record =
        "{\"name\": \"Zo\u00eb\", \"tags\": [\"\u2615\"]}".getBytes(StandardCharsets.UTF_8);
    Utf8Text name = Utf8Text.wrap(record, 10, 4);
    Utf8Text tag = Utf8Text.wrap(record, 27, 3);
    GenericRow row =
        GenericRow.of(1L, name, null, null, null, null, GenericArray.of(tag), null, null);

    RowData data = RowDataAdapter.forSchema(SCHEMA).adapt(row);

    assertThat(data.getString(1).toString()).isEqualTo("Zo\u00eb");
    assertThat(data.getString(1).toBytes()).isEqualTo("Zo\u00eb".getBytes(StandardCharsets.UTF_8));
    assertThat(data.getArray(6).getString(0).toString()).isEqualTo("\u2615");
  }

  @Test
  void presentsEveryTypeTheWayIcebergsFlinkWriterReadsIt() {
    Instant at = Instant.parse("1969-12-31T23:59:59.999999Z");
    long atMicros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    UUID ref = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    GenericRow row =
        GenericRow.of(
            7L,
            "ada",
            new BigDecimal("12.50"),
            atMicros,
            LocalTime.of(9, 30, 15, 250_000_000).toNanoOfDay() / 1_000,
            ref,
            GenericArray.of("a", "b"),
            GenericMap.wrap(new Object[] {"x"}, new Object[] {3}),
            GenericRow.of("Paris"));

    RowData data = RowDataAdapter.forSchema(SCHEMA).adapt(row);

    assertThat(data.getArity()).isEqualTo(9);
    assertThat(data.getLong(0)).isEqualTo(7L);
    assertThat(data.getString(1).toString()).isEqualTo("ada");
    assertThat(data.getDecimal(2, 12, 2).toBigDecimal()).isEqualByComparingTo("12.50");
    assertThat(data.getTimestamp(3, 6).toInstant()).isEqualTo(at);
    assertThat(data.getInt(4)).isEqualTo((9 * 3600 + 30 * 60 + 15) * 1000 + 250);
    assertThat(data.getBinary(5))
        .hasSize(16)
        .startsWith((byte) 0x12, (byte) 0x3e, (byte) 0x45, (byte) 0x67);
    assertThat(
            List.of(
                data.getArray(6).getString(0).toString(), data.getArray(6).getString(1).toString()))
        .containsExactly("a", "b");
    assertThat(data.getMap(7).keyArray().getString(0).toString()).isEqualTo("x");
    assertThat(data.getMap(7).valueArray().getInt(0)).isEqualTo(3);
    assertThat(data.getRow(8, 1).getString(0).toString()).isEqualTo("Paris");
  }

  @Test
  void reportsNullsWithoutReadingValues() {
    Object[] values = new Object[SCHEMA.size()];
    values[0] = 1L;
    RowData data = RowDataAdapter.forSchema(SCHEMA).adapt(GenericRow.wrap(values));

    assertThat(data.isNullAt(0)).isFalse();
    for (int i = 1; i < SCHEMA.size(); i++) {
      assertThat(data.isNullAt(i)).as("position %d", i).isTrue();
    }
  }

  @Test
  void refusesASchemaWithAnUnresolvedChoice() {
    StructType choice =
        StructType.of(
            Field.optional("price", ChoiceType.of(PrimitiveType.LONG, PrimitiveType.STRING)));

    assertThatThrownBy(() -> RowDataAdapter.forSchema(choice))
        .hasMessageStartingWith(
            "Cannot write column: a table schema holds no CHOICE type, resolve it first:");
  }
}
