package io.driftway.connectors.registry;

import java.nio.ByteBuffer;

/**
 * Confluent's framing of a serialized record: magic byte {@code 0}, the writer schema's registry id
 * as a 4-byte big-endian int, then the payload (Avro binary for Avro). Stateless.
 *
 * <pre>{@code
 * byte[] framed = ConfluentWireFormat.frame(42, avroBytes);
 * int id = ConfluentWireFormat.schemaId(framed); // 42
 * }</pre>
 */
public final class ConfluentWireFormat {

  /** The first byte of every framed record. */
  public static final byte MAGIC_BYTE = 0;

  /** Magic byte plus schema id: where the payload starts. */
  public static final int HEADER_LENGTH = 5;

  private ConfluentWireFormat() {}

  /** {@code payload} framed for {@code schemaId}. */
  public static byte[] frame(int schemaId, byte[] payload) {
    return ByteBuffer.allocate(HEADER_LENGTH + payload.length)
        .put(MAGIC_BYTE)
        .putInt(schemaId)
        .put(payload)
        .array();
  }

  /**
   * The schema id of a framed record.
   *
   * @throws RecordDecodeException if the header is short or the magic byte is not 0, or the id is
   *     negative (never issued by a registry)
   */
  public static int schemaId(byte[] framed) throws RecordDecodeException {
    if (framed == null || framed.length < HEADER_LENGTH) {
      throw new RecordDecodeException(
          DecodeFailure.TRUNCATED_HEADER,
          "Cannot decode record: shorter than the 5-byte Confluent header: "
              + (framed == null ? 0 : framed.length)
              + " bytes");
    }
    if (framed[0] != MAGIC_BYTE) {
      throw new RecordDecodeException(
          DecodeFailure.BAD_MAGIC_BYTE,
          String.format(
              "Cannot decode record: wrong magic byte, expected 0x00: 0x%02x", framed[0]));
    }
    int id = ByteBuffer.wrap(framed, 1, 4).getInt();
    if (id < 0) {
      throw new RecordDecodeException(
          DecodeFailure.UNKNOWN_SCHEMA_ID, "Cannot decode record: unknown schema id: " + id);
    }
    return id;
  }
}
