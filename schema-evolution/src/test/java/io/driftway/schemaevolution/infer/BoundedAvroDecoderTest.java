package io.driftway.schemaevolution.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class BoundedAvroDecoderTest {

  private static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "R", "fields": [
                {"name": "s", "type": "string"},
                {"name": "b", "type": "bytes"},
                {"name": "a", "type": {"type": "array", "items": "long"}},
                {"name": "m", "type": {"type": "map", "values": "long"}}]}
              """);

  @Test
  void readsWhatAvroWrote() throws IOException {
    GenericRecord record = new GenericData.Record(SCHEMA);
    record.put("s", "text");
    record.put("b", java.nio.ByteBuffer.wrap(new byte[] {1, 2}));
    record.put("a", java.util.List.of(1L, 2L, 3L));
    record.put("m", java.util.Map.of("k", 4L));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(SCHEMA).write(record, encoder);
    encoder.flush();
    byte[] bytes = out.toByteArray();

    BoundedAvroDecoder in = BoundedAvroDecoder.over(bytes, 0, bytes.length);
    GenericRecord read = new GenericDatumReader<GenericRecord>(SCHEMA).read(null, in);

    assertThat(read.toString()).isEqualTo(record.toString());
    assertThat(in.isEnd()).isTrue();
  }

  @Test
  void refusesLengthsBeyondTheBytesLeftBeforeAllocatingThem() throws IOException {
    // Five bytes that Avro's own decoder reads as "a string of 2 GB follows", and so on.
    assertThatThrownBy(() -> read(claim(Integer.MAX_VALUE)))
        .isInstanceOf(EOFException.class)
        .hasMessage("string of 2147483647 bytes claimed, 0 left");
    assertThatThrownBy(() -> read(concat(claim(0), claim(Integer.MAX_VALUE))))
        .isInstanceOf(EOFException.class)
        .hasMessage("bytes of 2147483647 bytes claimed, 0 left");
    assertThatThrownBy(() -> read(concat(claim(0), claim(0), claim(1_000_000_000))))
        .isInstanceOf(EOFException.class)
        .hasMessage("1000000000 items claimed, 0 bytes left");
    assertThatThrownBy(() -> read(concat(claim(0), claim(0), claim(0), claim(1_000_000_000))))
        .isInstanceOf(EOFException.class)
        .hasMessage("1000000000 items claimed, 0 bytes left");
  }

  private static void read(byte[] bytes) throws IOException {
    new GenericDatumReader<GenericRecord>(SCHEMA)
        .read(null, BoundedAvroDecoder.over(bytes, 0, bytes.length));
  }

  private static byte[] claim(long value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    encoder.writeLong(value);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
