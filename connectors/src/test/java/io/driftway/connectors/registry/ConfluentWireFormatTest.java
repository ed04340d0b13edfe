package io.driftway.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The framing alone, against bytes written out by hand from Confluent's documented format. */
class ConfluentWireFormatTest {

  @Test
  void framesAPayloadBehindMagicByteAndBigEndianSchemaId() {
    byte[] framed = ConfluentWireFormat.frame(0x01020304, new byte[] {9, 8});

    assertThat(framed).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04, 9, 8);
  }

  @Test
  void readsTheSchemaIdBigEndian() throws RecordDecodeException {
    assertThat(ConfluentWireFormat.schemaId(bytes(0x00, 0x00, 0x00, 0x01, 0x2C))).isEqualTo(300);
    assertThat(ConfluentWireFormat.schemaId(bytes(0x00, 0x7F, 0xFF, 0xFF, 0xFF, 0x01)))
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void refusesARecordShorterThanTheHeader() {
    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(bytes(0x00, 0x00, 0x2A)))
        .isInstanceOfSatisfying(
            RecordDecodeException.class,
            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.TRUNCATED_HEADER))
        .hasMessage("Cannot decode record: shorter than the 5-byte Confluent header: 3 bytes");
    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[0]))
        .hasMessage("Cannot decode record: shorter than the 5-byte Confluent header: 0 bytes");
  }

  @Test
  void refusesAWrongMagicByteShowingIt() {
    // '{' is what plain JSON on an Avro topic starts with.
    assertThatThrownBy(
            () -> ConfluentWireFormat.schemaId("{\"id\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            RecordDecodeException.class,
            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.BAD_MAGIC_BYTE))
        .hasMessage("Cannot decode record: wrong magic byte, expected 0x00: 0x7b");
  }

  @Test
  void refusesANegativeSchemaIdWithoutAskingTheRegistry() {
    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(bytes(0x00, 0xFF, 0xFF, 0xFF, 0xFE)))
        .isInstanceOfSatisfying(
            RecordDecodeException.class,
            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_ID))
        .hasMessage("Cannot decode record: unknown schema id: -2");
  }

  static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
