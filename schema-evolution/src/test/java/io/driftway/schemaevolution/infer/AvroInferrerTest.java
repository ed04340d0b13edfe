package io.driftway.schemaevolution.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.types.PrimitiveType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

public class AvroInferrerTest {

  public static final Schema ORDER =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Order", "fields": [
                {"name": "id", "type": "long"},
                {"name": "note", "type": ["null", "string"], "default": null},
                {"name": "qty", "type": ["int", "string"]},
                {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                {"name": "at", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal",
                                            "precision": 9, "scale": 2}},
                {"name": "ref", "type": {"type": "string", "logicalType": "uuid"}},
                {"name": "status", "type": {"type": "enum", "name": "Status",
                                            "symbols": ["NEW", "PAID"]}},
                {"name": "tags", "type": {"type": "array", "items": ["null", "string"]}},
                {"name": "attrs", "type": {"type": "map", "values": "long"}},
                {"name": "lines", "type": {"type": "array", "items": {"type": "record",
                  "name": "Line", "fields": [{"name": "sku", "type": "string"}]}}}
              ]}
              """);

  public static GenericRecord order() {
    GenericRecord line = new GenericData.Record(ORDER.getField("lines").schema().getElementType());
    line.put("sku", "A-1");
    GenericRecord record = new GenericData.Record(ORDER);
    record.put("id", 7L);
    record.put("note", null);
    record.put("qty", "many");
    record.put("day", 3);
    record.put("at", 1_000_001L);
    record.put("amount", ByteBuffer.wrap(BigInteger.valueOf(1250).toByteArray()));
    record.put("ref", "123e4567-e89b-12d3-a456-426614174000");
    record.put("status", new GenericData.EnumSymbol(ORDER.getField("status").schema(), "PAID"));
    record.put("tags", List.of("a"));
    record.put("attrs", Map.of("x", 1L));
    record.put("lines", List.of(line));
    return record;
  }

  public static byte[] encode(GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  @Test
  void mapsTheWriterSchemaWithUnionsAndLogicalTypes() {
    DynamicRecord record =
        Inferrers.avro(InferenceOptions.defaults()).infer(order(), SourceCoordinates.unknown());

    assertThat(record.schema())
        .hasToString(
            "struct<id:long not null,note:string,qty:choice<int,string> not null,day:date not null,"
                + "at:timestamptz not null,amount:decimal(9,2) not null,ref:uuid not null,"
                + "status:string not null,tags:array<string> not null,"
                + "attrs:map<string,long not null> not null,"
                + "lines:array<struct<sku:string not null> not null> not null>");
    assertThat(record.values().get("day")).isEqualTo(LocalDate.of(1970, 1, 4));
    assertThat(record.values().get("at"))
        .isEqualTo(OffsetDateTime.parse("1970-01-01T00:00:01.000001Z"));
    assertThat(record.values().get("amount")).isEqualTo(new BigDecimal("12.50"));
    assertThat(record.values().get("ref"))
        .isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    assertThat(record.values().get("status")).isEqualTo("PAID");
  }

  @Test
  void typesEachUnionValueByTheBranchItTook() {
    DynamicRecord record =
        Inferrers.avro(InferenceOptions.defaults()).infer(order(), SourceCoordinates.unknown());

    int qty = 2;
    assertThat(record.values().name(qty)).isEqualTo("qty");
    assertThat(record.values().type(qty)).isEqualTo(PrimitiveType.STRING);
  }

  @Test
  void decodesBinaryPayloadsAndRejectsGarbage() throws IOException {
    RecordInferrer<byte[]> binary = Inferrers.avroBinary(ORDER, InferenceOptions.defaults());
    SourceCoordinates at = SourceCoordinates.kinesis("orders", "shardId-000", "4955");

    assertThat(binary.infer(encode(order()), at).values().get("id")).isEqualTo(7L);
    assertThatThrownBy(() -> binary.infer(new byte[] {2, 4}, at))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage(
            "Cannot decode Avro record: payload does not match schema Order: Index 2 out of"
                + " bounds for length 2: kinesis:orders/shardId-000@4955");
  }
}
