package io.driftway.loadtests.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = 1_795_000_000_000L;

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedDifferentOnes() {
    EventGenerator a = EventGenerator.builder().seed(7).build();
    EventGenerator b = EventGenerator.builder().seed(7).build();
    EventGenerator c = EventGenerator.builder().seed(8).build();
    for (long seq = 0; seq < 200; seq++) {
      assertThat(a.record(seq, NOW)).isEqualTo(b.record(seq, NOW));
      assertThat(a.record(seq, NOW)).isNotEqualTo(c.record(seq, NOW));
    }
  }

  @Test
  void recordsDoNotDependOnTheOrderTheyAreAskedFor() {
    EventGenerator generator = EventGenerator.builder().seed(3).build();
    byte[] late = generator.record(500, NOW);
    generator.record(1, NOW);
    assertThat(EventGenerator.builder().seed(3).build().record(500, NOW)).isEqualTo(late);
  }

  static Stream<Arguments> presets() {
    return Stream.of(
        Arguments.of(EventGenerator.Preset.B_150, EventFormat.JSON),
        Arguments.of(EventGenerator.Preset.KB_1, EventFormat.JSON),
        Arguments.of(EventGenerator.Preset.B_150, EventFormat.AVRO),
        Arguments.of(EventGenerator.Preset.KB_1, EventFormat.AVRO));
  }

  @ParameterizedTest
  @MethodSource("presets")
  void presetsHaveTheirSizeAndFieldCount(EventGenerator.Preset preset, EventFormat format)
      throws IOException {
    EventGenerator generator = EventGenerator.builder().preset(preset).format(format).build();
    for (long seq : new long[] {0, 9, 12_345, 9_999_999}) {
      byte[] record = generator.record(seq, NOW);
      // Avro's pad length prefix can grow by a byte exactly at the target: one byte short then.
      assertThat(record.length).isBetween(preset.bytes() - 1, preset.bytes());
      if (format == EventFormat.JSON) {
        JsonNode node = JSON.readTree(record);
        assertThat(node.size()).isEqualTo(preset.fields());
        assertThat(node.get("seq").asLong()).isEqualTo(seq);
        assertThat(node.get("produced_at_ms").asLong()).isEqualTo(NOW);
      } else {
        GenericRecord avro = decode(generator, seq, record);
        assertThat(avro.getSchema().getFields()).hasSize(preset.fields());
        assertThat(avro.get("seq")).isEqualTo(seq);
      }
    }
  }

  @Test
  void customSizeAndFieldCountAreKept() throws IOException {
    EventGenerator generator = EventGenerator.builder().bytes(512).fields(12).build();
    byte[] record = generator.record(1, NOW);
    assertThat(record).hasSize(512);
    assertThat(JSON.readTree(record).size()).isEqualTo(12);
    assertThat(generator.fields())
        .extracting(EventGenerator.Field::name)
        .containsExactly("n_0", "s_1", "o_2", "d_3", "b_4", "a_5", "n_6", "s_7", "o_8");
  }

  @Test
  void driftScheduleAddsFieldsNestedFieldsWidensAndConflictsAtItsRecords() throws IOException {
    EventGenerator generator =
        EventGenerator.builder()
            .preset(EventGenerator.Preset.KB_1)
            .drift(
                DriftSchedule.parse(
                    "add-field@100/100,nested-field@150,widen@200,type-conflict@300"))
            .build();

    JsonNode before = JSON.readTree(generator.record(99, NOW));
    assertThat(before.has("drift_1")).isFalse();
    assertThat(before.get("o_2").has("extra_1")).isFalse();
    assertThat(before.get("n_0").canConvertToInt()).isTrue();

    JsonNode first = JSON.readTree(generator.record(100, NOW));
    assertThat(first.get("drift_1").asText()).isEqualTo("d3");
    assertThat(first.has("drift_2")).isFalse();

    JsonNode nested = JSON.readTree(generator.record(150, NOW));
    assertThat(nested.get("o_2").get("extra_1").isIntegralNumber()).isTrue();
    assertThat(nested.has("drift_1")).isTrue();

    JsonNode widened = JSON.readTree(generator.record(200, NOW));
    assertThat(widened.get("n_0").canConvertToInt()).isFalse();
    assertThat(widened.get("n_0").isIntegralNumber()).isTrue();
    assertThat(widened.has("drift_2")).isTrue();

    JsonNode conflict = JSON.readTree(generator.record(300, NOW));
    assertThat(conflict.get("n_0").isTextual()).isTrue();
    assertThat(conflict.get("n_6").isIntegralNumber()).isTrue();
    assertThat(conflict.has("drift_3")).isTrue();

    // The pad absorbs the drift fields: the size holds.
    assertThat(generator.record(300, NOW)).hasSize(1024);
    assertThat(generator.schemaId(99)).isEqualTo(1);
    assertThat(generator.schemaId(100)).isEqualTo(2);
    assertThat(generator.schemaId(300)).isEqualTo(7);
  }

  @Test
  void avroRecordsCarryTheSchemaVersionOfTheirDrift() throws IOException {
    EventGenerator generator =
        EventGenerator.builder()
            .format(EventFormat.AVRO)
            .drift(DriftSchedule.parse("widen@10,type-conflict@20,add-field@15"))
            .build();
    assertThat(generator.avroSchema(9).getField("n_0").schema().getType())
        .isEqualTo(Schema.Type.INT);
    assertThat(generator.avroSchema(10).getField("n_0").schema().getType())
        .isEqualTo(Schema.Type.LONG);
    assertThat(generator.avroSchema(20).getField("n_0").schema().getType())
        .isEqualTo(Schema.Type.STRING);
    GenericRecord record = decode(generator, 16, generator.record(16, NOW));
    assertThat(record.get("drift_1").toString()).isEqualTo("d16");
    assertThat(ByteBuffer.wrap(generator.record(16, NOW), 1, 4).getInt()).isEqualTo(3);
  }

  @Test
  void malformedRecordsComeAtTheirRateAndAreNotValid() {
    EventGenerator generator =
        EventGenerator.builder().preset(EventGenerator.Preset.B_150).malformedRate(0.01).build();
    int malformed = 0;
    int records = 100_000;
    for (long seq = 0; seq < records; seq++) {
      boolean expected = generator.isMalformed(seq);
      byte[] record = generator.record(seq, NOW);
      assertThat(parses(record)).as("record %d", seq).isEqualTo(!expected);
      malformed += expected ? 1 : 0;
    }
    // Binomial(100000, 0.01): 1000 ± 31.5; five standard deviations either way.
    assertThat(malformed).isBetween(842, 1158);
    EventGenerator again =
        EventGenerator.builder().preset(EventGenerator.Preset.B_150).malformedRate(0.01).build();
    assertThat(again.isMalformed(12_345)).isEqualTo(generator.isMalformed(12_345));
  }

  @Test
  void malformedAvroRecordsHaveAWrongMagicByte() {
    EventGenerator generator =
        EventGenerator.builder().format(EventFormat.AVRO).malformedRate(1.0).build();
    assertThat(generator.record(5, NOW)[0]).isEqualTo((byte) 1);
  }

  @Test
  void zeroRateMeansNoMalformedRecord() {
    EventGenerator generator = EventGenerator.builder().build();
    assertThat(Stream.iterate(0L, s -> s + 1).limit(10_000).anyMatch(generator::isMalformed))
        .isFalse();
  }

  @Test
  void scheduleParsesAndCountsOccurrences() {
    DriftSchedule schedule = DriftSchedule.parse(DriftSchedule.PEERS);
    assertThat(schedule.toString()).isEqualTo(DriftSchedule.PEERS);
    assertThat(schedule.occurrences(DriftKind.ADD_FIELD, 49_999)).isZero();
    assertThat(schedule.occurrences(DriftKind.ADD_FIELD, 250_000)).isEqualTo(3);
    assertThat(schedule.occurrences(DriftKind.NESTED_FIELD, 199_999)).isEqualTo(1);
    assertThat(DriftSchedule.parse("none").events()).isEmpty();
  }

  @Test
  void badSettingsAreRejectedWithWhatToChange() {
    assertThatThrownBy(() -> DriftSchedule.parse("add-field"))
        .hasMessage("Cannot parse drift event: expected kind@at or kind@at/every: add-field");
    assertThatThrownBy(() -> DriftSchedule.parse("rename@5"))
        .hasMessage(
            "Cannot parse drift kind: expected one of add-field, nested-field, widen,"
                + " type-conflict: rename");
    assertThatThrownBy(() -> EventGenerator.builder().malformedRate(1.5).build())
        .hasMessage("Cannot build event generator: malformed rate must be between 0 and 1: 1.5");
    assertThatThrownBy(
            () ->
                EventGenerator.builder()
                    .fields(5)
                    .drift(DriftSchedule.parse("nested-field@1"))
                    .build())
        .hasMessage(
            "Cannot build event generator: nested-field drift needs an object field (fields >= 6):"
                + " 5");
  }

  @Test
  void theCommandLineBuildsTheGeneratorItDescribes() {
    EventGenerator generator =
        GenerateCommand.generator(
            GenerateCommand.parse(
                new String[] {
                  "--size", "150b", "--format", "avro", "--seed", "9", "--drift", "widen@3"
                }));
    assertThat(generator.bytes()).isEqualTo(150);
    assertThat(generator.format()).isEqualTo(EventFormat.AVRO);
    assertThat(generator.seed()).isEqualTo(9);
    assertThat(generator.drift().events()).containsExactly(new DriftEvent(DriftKind.WIDEN, 3, 0));
    assertThatThrownBy(() -> GenerateCommand.parse(new String[] {"--sise", "1kb"}))
        .hasMessageStartingWith("Cannot parse gen arguments: unknown option")
        .hasMessageEndingWith(": --sise");
  }

  private static boolean parses(byte[] record) {
    try {
      JsonNode node = JSON.readTree(record);
      return node != null && node.isObject();
    } catch (JsonProcessingException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static GenericRecord decode(EventGenerator generator, long seq, byte[] record)
      throws IOException {
    assertThat(record[0]).isZero();
    Schema schema = generator.avroSchema(seq);
    byte[] payload = Arrays.copyOfRange(record, 5, record.length);
    GenericRecord decoded =
        new GenericDatumReader<GenericRecord>(schema)
            .read(null, DecoderFactory.get().binaryDecoder(payload, null));
    // The whole payload is one datum: nothing left over.
    Iterator<Schema.Field> unusedFields = schema.getFields().iterator();
    assertThat(unusedFields.hasNext()).isTrue();
    assertThat(List.of(decoded.getSchema())).containsExactly(schema);
    return decoded;
  }
}
