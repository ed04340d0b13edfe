package io.driftway.connectors.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class KinesisRecordTest {

  private static final KinesisRecord RECORD =
      KinesisRecord.of(
          "orders",
          "shardId-000000000001",
          "49590338271490256608559692538361571095921575989136588898",
          "user-7",
          Instant.parse("2026-11-01T10:15:30.123Z"),
          "{\"id\":7}".getBytes(StandardCharsets.UTF_8));

  @Test
  void roundTripsThroughItsFlinkSerializer() throws IOException {
    TypeSerializer<KinesisRecord> serializer =
        KinesisRecord.TYPE_INFO.createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(RECORD, out);

    KinesisRecord back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

    assertThat(back).isEqualTo(RECORD);
    assertThat(serializer.snapshotConfiguration().restoreSerializer()).isSameAs(serializer);
  }

  @Test
  void copiesBytesInAndOutSoItStaysImmutable() {
    byte[] bytes = {1, 2, 3};
    KinesisRecord record =
        KinesisRecord.of("s", "shardId-000000000000", "1", "k", Instant.EPOCH, bytes);
    bytes[0] = 9;
    record.data()[1] = 9;

    assertThat(record.data()).containsExactly(1, 2, 3);
    assertThat(record.dataView().isReadOnly()).isTrue();
    assertThat(record.dataLength()).isEqualTo(3);
  }

  @Test
  void showsItsCoordinatesButNotItsBytes() {
    assertThat(RECORD.toString())
        .isEqualTo(
            "KinesisRecord{orders/shardId-000000000001/"
                + "49590338271490256608559692538361571095921575989136588898, key=user-7,"
                + " arrived=2026-11-01T10:15:30.123Z, bytes=8}");
  }
}
