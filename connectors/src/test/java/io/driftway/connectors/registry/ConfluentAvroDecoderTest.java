package io.driftway.connectors.registry;

import static io.driftway.connectors.registry.ConfluentWireFormatTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/**
 * Decoding against golden bytes written out by hand: Confluent header (magic 0, big-endian id),
 * then Avro binary (zig-zag varint longs, length-prefixed strings, union branch index, doubles
 * little-endian IEEE 754).
 */
class ConfluentAvroDecoderTest {

  private static final Schema ORDER =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Order", "namespace": "com.acme", "fields": [
                {"name": "id", "type": "long"},
                {"name": "item", "type": "string"},
                {"name": "price", "type": ["null", "double"], "default": null}
              ]}""");

  /** Schema 42; id 150 (zig-zag 300: 0xAC 0x02); "ab"; price branch 1, 2.5. */
  private static final byte[] ORDER_150 =
      bytes(
          0x00, 0x00, 0x00, 0x00, 0x2A, // magic byte, schema id 42
          0xAC, 0x02, // id: long 150
          0x04, 0x61, 0x62, // item: length 2, "ab"
          0x02, // price: union branch 1 (double)
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x40); // 2.5

  /** Schema 300; id -1 (zig-zag 1); ""; price branch 0, null. */
  private static final byte[] ORDER_MINUS_1 = bytes(0x00, 0x00, 0x00, 0x01, 0x2C, 0x01, 0x00, 0x00);

  private final InMemoryRegistry registry = new InMemoryRegistry().with(42, ORDER).with(300, ORDER);
  private final ConfluentAvroDecoder decoder = ConfluentAvroDecoder.of(registry);

  @Test
  void decodesGoldenBytesWithTheirWriterSchema() throws RecordDecodeException {
    DecodedAvroRecord decoded = decoder.decode(ORDER_150);

    assertThat(decoded.schemaId()).isEqualTo(42);
    assertThat(decoded.writerSchema()).isEqualTo(ORDER);
    assertThat(decoded.record().get("id")).isEqualTo(150L);
    assertThat(decoded.record().get("item")).isEqualTo(new Utf8("ab"));
    assertThat(decoded.record().get("price")).isEqualTo(2.5);

    DecodedAvroRecord other = decoder.decode(ORDER_MINUS_1);
    assertThat(other.schemaId()).isEqualTo(300);
    assertThat(other.record().get("id")).isEqualTo(-1L);
    assertThat(other.record().get("item")).isEqualTo(new Utf8(""));
    assertThat(other.record().get("price")).isNull();
  }

  @Test
  void encodesToTheSameGoldenBytes() {
    GenericRecord order = new GenericData.Record(ORDER);
    order.put("id", 150L);
    order.put("item", "ab");
    order.put("price", 2.5);

    assertThat(ConfluentAvroEncoder.encode(42, order)).containsExactly(ORDER_150);
  }

  @Test
  void asksTheRegistryOncePerSchemaId() throws RecordDecodeException {
    decoder.decode(ORDER_150);
    decoder.decode(ORDER_150);
    decoder.decode(ORDER_150);

    assertThat(registry.lookups).isEqualTo(1);
  }

  @Test
  void reportsAnUnknownSchemaIdAsADecodeFailure() {
    byte[] unknown = ORDER_150.clone();
    unknown[4] = 0x2B;

    assertThatThrownBy(() -> decoder.decode(unknown))
        .isInstanceOfSatisfying(
            RecordDecodeException.class,
            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_ID))
        .hasMessage("Cannot decode record: unknown schema id: 43");
  }

  @Test
  void reportsATruncatedPayload() {
    byte[] truncated = Arrays.copyOf(ORDER_150, 12);

    assertThatThrownBy(() -> decoder.decode(truncated))
        .isInstanceOfSatisfying(
            RecordDecodeException.class,
            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.TRUNCATED_PAYLOAD))
        .hasMessage(
            "Cannot decode record: Avro payload ends early for writer schema 42: 7 payload bytes");
  }

  @Test
  void reportsBytesLeftAfterTheRecord() {
    byte[] longer = Arrays.copyOf(ORDER_MINUS_1, ORDER_MINUS_1.length + 2);

    assertThatThrownBy(() -> decoder.decode(longer))
        .isInstanceOfSatisfying(
            RecordDecodeException.class,
            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.MALFORMED_PAYLOAD))
        .hasMessage(
            "Cannot decode record: bytes left after the Avro record of writer schema 300:"
                + " 5 payload bytes");
  }

  @Test
  void reportsAPayloadThatDoesNotMatchItsSchema() {
    // Union branch 5 does not exist in ["null", "double"].
    byte[] badUnion = bytes(0x00, 0x00, 0x00, 0x00, 0x2A, 0x02, 0x00, 0x0A);

    assertThatThrownBy(() -> decoder.decode(badUnion))
        .isInstanceOfSatisfying(
            RecordDecodeException.class,
            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.MALFORMED_PAYLOAD))
        .hasMessageStartingWith(
            "Cannot decode record: Avro payload does not match writer schema 42: ");
  }

  @Test
  void refusesAWriterSchemaThatIsNotARecord() {
    registry.with(7, Schema.create(Schema.Type.STRING));

    assertThatThrownBy(() -> decoder.decode(bytes(0x00, 0x00, 0x00, 0x00, 0x07, 0x02, 0x61)))
        .isInstanceOfSatisfying(
            RecordDecodeException.class,
            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNUSABLE_SCHEMA))
        .hasMessage("Cannot decode record: writer schema 7 is not a record: STRING");
  }

  @Test
  void letsARegistryOutageThroughInsteadOfBlamingTheRecord() {
    SchemaRegistryClient down =
        new InMemoryRegistry() {
          @Override
          public Schema schemaById(int id) {
            throw new SchemaRegistryException(
                "Cannot fetch schema id 42: connection refused", null);
          }
        };

    assertThatThrownBy(() -> ConfluentAvroDecoder.of(down).decode(ORDER_150))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessage("Cannot fetch schema id 42: connection refused");
  }

  @Test
  void givesEveryFailureAStableCode() {
    assertThat(Arrays.stream(DecodeFailure.values()).map(DecodeFailure::code))
        .containsExactly(
            "confluent-truncated-header",
            "confluent-bad-magic-byte",
            "confluent-unknown-schema-id",
            "confluent-wrong-subject",
            "confluent-unusable-schema",
            "avro-truncated-payload",
            "avro-malformed-payload");
  }
}
