package io.driftway.loadtests.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.loadtests.data.DriftSchedule;
import io.driftway.loadtests.data.EventFormat;
import io.driftway.loadtests.data.EventGenerator;
import io.driftway.loadtests.pipeline.BenchJobs;
import io.driftway.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.InstantiationUtil;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The static job on Avro: Flink's Avro format with the bench's schema coder reads every schema
 * version the peers drift makes into the job's fixed schema, against a registry on 127.0.0.1.
 */
class StaticAvroTest {

  private static final long RECORDS = 130_000;

  private final EventGenerator generator =
      EventGenerator.builder()
          .preset(EventGenerator.Preset.KB_1)
          .format(EventFormat.AVRO)
          .drift(DriftSchedule.parse(DriftSchedule.PEERS))
          .build();

  private SchemaRegistryServer registry;

  @BeforeEach
  void startRegistry() throws IOException {
    registry = SchemaRegistryServer.start();
    PeersBench.registerSchemas(registry, generator, RECORDS);
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void theBaseSchemaReadsEveryVersionDroppingTheDriftFields() throws Exception {
    Schema base = StaticSchemas.of(generator, 0);
    DeserializationSchema<RowData> deserializer = open(base);
    String longField = firstField(EventGenerator.FieldType.LONG);

    // Version 1 (ints), after add-field and nested-field, after the widen (values past the int).
    for (long seq : List.of(0L, 60_000L, 110_000L, 125_000L)) {
      RowData row = deserializer.deserialize(generator.record(seq, 1_000L));

      assertThat(row.getArity()).isEqualTo(base.columns().size());
      assertThat(row.getLong(position(base, EventGenerator.SEQ))).isEqualTo(seq);
      assertThat(row.getLong(position(base, EventGenerator.PRODUCED_AT))).isEqualTo(1_000L);
      long value = row.getLong(position(base, longField));
      assertThat(value >= 3_000_000_000L).isEqualTo(seq >= 120_000);
      assertThat(row.getString(position(base, EventGenerator.PAD)).toString()).isNotEmpty();
    }
  }

  @Test
  void theFinalSchemaReadsTheDriftFieldsWhereTheyAreWritten() throws Exception {
    Schema last = StaticSchemas.of(generator, RECORDS);
    DeserializationSchema<RowData> deserializer = open(last);
    int drift1 = position(last, "drift_1");
    String object = firstField(EventGenerator.FieldType.OBJECT);
    int nested = position(last, object);

    RowData before = deserializer.deserialize(generator.record(0, 1_000L));
    RowData after = deserializer.deserialize(generator.record(110_000, 1_000L));

    assertThat(before.isNullAt(drift1)).isTrue();
    assertThat(before.getRow(nested, 3).isNullAt(2)).isTrue();
    assertThat(after.getString(drift1).toString()).isEqualTo("d" + 110_000 % 97);
    assertThat(after.getRow(nested, 3).getLong(2)).isEqualTo(110_000 % 1000 + 1);
  }

  @Test
  void anIdTheRegistryDoesNotHaveFailsTheRecord() throws Exception {
    DeserializationSchema<RowData> deserializer = open(StaticSchemas.of(generator, 0));
    byte[] record = generator.record(0, 1_000L);
    record[4] = 99;

    // Flink's format wraps what the coder throws; the source fails the job with it.
    assertThatThrownBy(() -> deserializer.deserialize(record))
        .hasMessage("Failed to deserialize Avro record.")
        .cause()
        .hasMessage("Cannot fetch schema: HTTP 404 from " + registry.url() + "/schemas/ids/99");
  }

  /** The deserializer as the job runs it: serialized into the job, then opened. */
  private DeserializationSchema<RowData> open(Schema schema) throws Exception {
    DeserializationSchema<RowData> deserializer =
        InstantiationUtil.clone(
            BenchJobs.staticDeserializer(schema, registry.url()), getClass().getClassLoader());
    deserializer.open(null);
    return deserializer;
  }

  private String firstField(EventGenerator.FieldType type) {
    return generator.fields().stream()
        .filter(field -> field.type() == type)
        .map(EventGenerator.Field::name)
        .findFirst()
        .orElseThrow();
  }

  private static int position(Schema schema, String name) {
    List<Types.NestedField> columns = schema.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no column " + name);
  }
}
