package io.driftway.connectors.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;

class QuarantineTableTest {

  @Test
  void keepsTheBytesTheCoordinatesTheStageAndTheReason() {
    byte[] bytes = "{\"id\": 1,".getBytes(StandardCharsets.UTF_8);
    RawRecord raw =
        RawRecord.of(bytes, SourceCoordinates.kafka("orders", 2, 99L), 1_700_000_000_000L);

    RowData row =
        QuarantineTable.row(
            raw,
            Stage.DECODE,
            "Cannot decode record: unexpected end of input: kafka:orders/2@99",
            "com.fasterxml.jackson.core.io.JsonEOFException",
            Instant.parse("2026-11-23T00:00:00Z"));

    assertThat(row.getArity()).isEqualTo(QuarantineTable.SCHEMA.columns().size());
    assertThat(row.getString(1).toString()).isEqualTo("decode");
    assertThat(row.getString(2).toString()).startsWith("Cannot decode record:");
    assertThat(row.getString(4).toString()).isEqualTo("kafka:orders/2@99");
    assertThat(row.getString(5).toString()).isEqualTo("orders");
    assertThat(row.getString(6).toString()).isEqualTo("2");
    assertThat(row.getString(7).toString()).isEqualTo("99");
    assertThat(row.getBinary(9)).isEqualTo(bytes);
    assertThat(row.getString(10).toString()).isEqualTo("{\"id\": 1,");
  }

  @Test
  void keepsNoTextPreviewForBinaryInput() {
    byte[] avro = {0, 0, 0, 0, 42, (byte) 0xff, (byte) 0xfe};
    RawRecord raw =
        RawRecord.of(avro, SourceCoordinates.kinesis("clicks", "shardId-000000000001", "4959"), -1);

    RowData row = QuarantineTable.row(raw, Stage.DECODE, "bad", null, Instant.EPOCH);

    assertThat(row.getString(5).toString()).isEqualTo("clicks");
    assertThat(row.isNullAt(8)).isTrue();
    assertThat(row.getBinary(9)).isEqualTo(avro);
    assertThat(row.isNullAt(10)).isTrue();
  }
}
