package io.driftway.connectors.iceberg;

import io.driftway.schemaevolution.row.Utf8Text;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/** The few value conversions between the schema layer's representation and Flink's. */
final class Values {

  private Values() {}

  /**
   * Microseconds since the epoch as Flink's millis-plus-nanos timestamp; exact for negatives too.
   */
  static TimestampData timestamp(long micros) {
    long millis = Math.floorDiv(micros, 1_000L);
    int nanosOfMilli = (int) Math.floorMod(micros, 1_000L) * 1_000;
    return TimestampData.fromEpochMillis(millis, nanosOfMilli);
  }

  /**
   * Text as Flink's string, already in UTF-8: Parquet writes bytes, and Flink would otherwise
   * encode it lazily char by char through a thread-local buffer (about 8% of a pipeline's CPU on 1
   * KB records). The JSON fast path's rows hold their text as the record's own bytes, which Flink
   * takes as they are; other rows' strings are encoded once by the JDK.
   */
  static StringData utf8(Utf8Text text) {
    return text == null ? null : StringData.fromBytes(text.bytes(), text.offset(), text.length());
  }

  /** A {@code time} in microseconds of the day as Flink's milliseconds of the day. */
  static int microsToMillis(long micros) {
    return (int) (micros / 1_000L);
  }

  /** A UUID as the 16 big-endian bytes Iceberg's Flink writer expects. */
  static byte[] uuidBytes(UUID uuid) {
    return ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits())
        .array();
  }
}
