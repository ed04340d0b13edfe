package io.driftway.connectors.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.connectors.registry.ConfluentAvroEncoder;
import io.driftway.connectors.registry.DecodeFailure;
import io.driftway.connectors.registry.DecodedAvroRecord;
import io.driftway.connectors.registry.RecordDecodeException;
import io.driftway.connectors.registry.RegisteredSchema;
import io.driftway.connectors.registry.SchemaRegistryClient;
import io.driftway.connectors.registry.SchemaRegistryException;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.QuarantineReason;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.types.Field;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfluentAvroRecordDecoderTest {

  private static final SourceCoordinates AT = SourceCoordinates.kafka("t", 0, 5L);

  private static final Schema V1 =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Order", "fields": [
                {"name": "id", "type": "long"},
                {"name": "name", "type": "string"}]}
              """);

  private static final Schema V2 =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Order", "fields": [
                {"name": "id", "type": "long"},
                {"name": "name", "type": "string"},
                {"name": "coupon", "type": ["null", "string"], "default": null}]}
              """);

  private final MapRegistry registry = new MapRegistry().with(1, V1).with(2, V2);
  private final RecordDecoder decoder = new ConfluentAvroRecordDecoder(registry);

  @Test
  void infersEachRecordFromItsOwnWriterSchema() {
    DynamicRecord first = decode(ConfluentAvroEncoder.encode(1, order(V1, 7L)));
    GenericRecord withCoupon = order(V2, 8L);
    withCoupon.put("coupon", "C8");
    DynamicRecord second = decode(ConfluentAvroEncoder.encode(2, withCoupon));

    assertThat(first.schema().fields()).extracting(Field::name).containsExactly("id", "name");
    assertThat(first.values().get("id")).isEqualTo(7L);
    assertThat(first.coordinates()).isEqualTo(AT);
    assertThat(second.schema().fields())
        .extracting(Field::name)
        .containsExactly("id", "name", "coupon");
    assertThat(second.values().get("coupon").toString()).isEqualTo("C8");
  }

  @Test
  void asksTheRegistryOncePerSchemaId() {
    for (long i = 0; i < 5; i++) {
      decode(ConfluentAvroEncoder.encode(1, order(V1, i)));
    }

    assertThat(registry.lookups).isEqualTo(1);
  }

  static Stream<Arguments> recordsAtFault() {
    byte[] good = ConfluentAvroEncoder.encode(1, order(V1, 7L));
    byte[] json = "{\"id\": 7}".getBytes(StandardCharsets.UTF_8);
    return Stream.of(
        Arguments.of(
            ConfluentAvroEncoder.encode(42, order(V1, 7L)),
            DecodeFailure.UNKNOWN_SCHEMA_ID,
            "Cannot decode avro-confluent record: unknown schema id: 42: kafka:t/0@5"),
        Arguments.of(
            json,
            DecodeFailure.BAD_MAGIC_BYTE,
            "Cannot decode avro-confluent record: wrong magic byte, expected 0x00: 0x7b:"
                + " kafka:t/0@5"),
        Arguments.of(
            new byte[] {0, 0, 0},
            DecodeFailure.TRUNCATED_HEADER,
            "Cannot decode avro-confluent record: shorter than the 5-byte Confluent header: 3"
                + " bytes: kafka:t/0@5"),
        Arguments.of(
            Arrays.copyOf(good, good.length - 2),
            DecodeFailure.TRUNCATED_PAYLOAD,
            "Cannot decode avro-confluent record: Avro payload ends early for writer schema 1: "
                + (good.length - 7)
                + " payload bytes: kafka:t/0@5"));
  }

  @ParameterizedTest
  @MethodSource("recordsAtFault")
  void rejectsARecordAtFaultWithItsReason(byte[] bytes, DecodeFailure failure, String message) {
    // The fast path leaves it to the full read, which names the fault.
    assertThat(decoder.decodeAvro(RawRecord.of(bytes, AT, 0L), Long.MAX_VALUE)).isNull();
    assertThatThrownBy(() -> decode(bytes))
        .isInstanceOfSatisfying(
            RecordRejectedException.class,
            e -> {
              assertThat(e.reason().stage()).isEqualTo(QuarantineReason.Stage.DECODE);
              assertThat(e.reason().message()).isEqualTo(message);
              assertThat(e.getCause())
                  .isInstanceOfSatisfying(
                      RecordDecodeException.class,
                      cause -> assertThat(cause.failure()).isEqualTo(failure));
            })
        .hasMessage(message);
  }

  @Test
  void handsTheFastPathTheRecordAndItsWriterSchema() {
    GenericRecord withCoupon = order(V2, 8L);
    withCoupon.put("coupon", "C8");
    RawRecord raw = RawRecord.of(ConfluentAvroEncoder.encode(2, withCoupon), AT, 0L);

    DecodedAvroRecord decoded = decoder.decodeAvro(raw, Long.MAX_VALUE);

    assertThat(decoded.schemaId()).isEqualTo(2);
    assertThat(decoded.writerSchema()).isEqualTo(V2);
    assertThat(decoded.record()).isEqualTo(withCoupon);
  }

  @Test
  void readsInFullTheRecordItWasAskedForAfterAFastPathRead() {
    RawRecord seven = RawRecord.of(ConfluentAvroEncoder.encode(1, order(V1, 7L)), AT, 0L);
    RawRecord eight = RawRecord.of(ConfluentAvroEncoder.encode(1, order(V1, 8L)), AT, 0L);

    decoder.decodeAvro(seven, Long.MAX_VALUE);
    DynamicRecord same = decoder.decode(seven, InferenceOptions.defaults());
    decoder.decodeAvro(seven, Long.MAX_VALUE);
    DynamicRecord other = decoder.decode(eight, InferenceOptions.defaults());

    assertThat(same.values().get("id")).isEqualTo(7L);
    assertThat(other.values().get("id")).isEqualTo(8L);
    // The second full read of seven decodes it again: a kept record serves one read only.
    assertThat(decoder.decode(seven, InferenceOptions.defaults()).values().get("id")).isEqualTo(7L);
  }

  @Test
  void leavesRecordsOverTheSizeLimitToTheFullReadWithoutAskingTheRegistry() {
    RawRecord raw = RawRecord.of(ConfluentAvroEncoder.encode(1, order(V1, 7L)), AT, 0L);

    assertThat(decoder.decodeAvro(raw, 4)).isNull();
    assertThat(decoder.decodeAvro(RawRecord.of(null, AT, 0L), Long.MAX_VALUE)).isNull();
    assertThat(registry.lookups).isZero();
  }

  @Test
  void rejectsATombstone() {
    assertThatThrownBy(
            () -> decoder.decode(RawRecord.of(null, AT, 0L), InferenceOptions.defaults()))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage(
            "Cannot decode avro-confluent record: it has no value (a tombstone): kafka:t/0@5");
  }

  @Test
  void rejectsARecordOverTheSizeLimitBeforeAskingTheRegistry() {
    byte[] bytes = ConfluentAvroEncoder.encode(1, order(V1, 7L));
    InferenceOptions small =
        InferenceOptions.defaults().withLimits(Limits.defaults().withMaxRecordBytes(4));

    assertThatThrownBy(() -> decoder.decode(RawRecord.of(bytes, AT, 0L), small))
        .isInstanceOfSatisfying(
            RecordRejectedException.class,
            e -> assertThat(e.reason().stage()).isEqualTo(QuarantineReason.Stage.LIMIT))
        .hasMessage(
            "Cannot accept record: record size " + bytes.length + " exceeds max-record-bytes=4: /");
    assertThat(registry.lookups).isZero();
  }

  @Test
  void rethrowsARegistryOutageSoTheJobRestartsInsteadOfQuarantining() {
    SchemaRegistryException outage =
        new SchemaRegistryException(
            "Cannot fetch schema id 1: registry answered 503", 503, 50301, null);
    RecordDecoder down = new ConfluentAvroRecordDecoder(new MapRegistry().failingWith(outage));

    assertThatThrownBy(
            () ->
                down.decode(
                    RawRecord.of(ConfluentAvroEncoder.encode(1, order(V1, 7L)), AT, 0L),
                    InferenceOptions.defaults()))
        .isSameAs(outage);
  }

  @Test
  void rethrowsWhenTheConfiguredRegistryIsUnreachable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    RecordDecoder unreachable =
        RecordDecoder.create(settings(URI.create("http://127.0.0.1:" + closedPort), null, null));

    assertThatThrownBy(
            () ->
                unreachable.decode(
                    RawRecord.of(ConfluentAvroEncoder.encode(1, order(V1, 7L)), AT, 0L),
                    InferenceOptions.defaults()))
        .isInstanceOf(SchemaRegistryException.class)
        .isNotInstanceOf(RecordRejectedException.class);
  }

  @Test
  void takesBasicAuthFromTheFormatSettings() {
    assertThat(
            ConfluentAvroRecordDecoder.registryConfig(
                    settings(URI.create("http://127.0.0.1:8081/"), "etl", "s3cret"))
                .userInfo())
        .contains("etl:s3cret");
    assertThat(
            ConfluentAvroRecordDecoder.registryConfig(
                    settings(URI.create("http://127.0.0.1:8081"), null, null))
                .userInfo())
        .isEmpty();
  }

  private DynamicRecord decode(byte[] bytes) {
    return decoder.decode(RawRecord.of(bytes, AT, 0L), InferenceOptions.defaults());
  }

  private static GenericRecord order(Schema schema, long id) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("id", id);
    record.put("name", "n" + id);
    return record;
  }

  private static FormatSettings settings(URI registry, String user, String password) {
    return new FormatSettings(
        FormatSettings.Kind.AVRO_CONFLUENT,
        ',',
        '"',
        Set.of(""),
        List.of(),
        registry,
        user,
        password,
        null);
  }

  /** A registry held in a map for this unit test; counts lookups, answers 404 for unknown ids. */
  private static final class MapRegistry implements SchemaRegistryClient {
    private final Map<Integer, Schema> schemas = new HashMap<>();
    private SchemaRegistryException failure;
    int lookups;

    MapRegistry with(int id, Schema schema) {
      schemas.put(id, schema);
      return this;
    }

    MapRegistry failingWith(SchemaRegistryException e) {
      failure = e;
      return this;
    }

    @Override
    public Schema schemaById(int id) {
      lookups++;
      if (failure != null) {
        throw failure;
      }
      Schema schema = schemas.get(id);
      if (schema == null) {
        throw new SchemaRegistryException(
            "Cannot fetch schema id " + id + ": registry answered 404 (40403 Schema not found)",
            404,
            40403,
            null);
      }
      return schema;
    }

    @Override
    public RegisteredSchema schemaByVersion(String subject, int version) {
      throw new UnsupportedOperationException("not used by the decoder");
    }

    @Override
    public List<String> subjectsOf(int id) {
      throw new UnsupportedOperationException("not used by the decoder");
    }

    @Override
    public RegisteredSchema latestSchema(String subject) {
      throw new UnsupportedOperationException("not used by the decoder");
    }

    @Override
    public int register(String subject, Schema schema) {
      throw new UnsupportedOperationException("not used by the decoder");
    }
  }
}
