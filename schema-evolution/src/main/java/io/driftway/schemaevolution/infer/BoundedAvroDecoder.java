package io.driftway.schemaevolution.infer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder over one record's bytes that checks every length the bytes claim against
 * the bytes left before anything is allocated. Avro's own decoder allocates a string, bytes or
 * array of the claimed size first: five bytes claiming a 2 GB string are an OutOfMemoryError. Here
 * they are an {@link EOFException} (the payload ends before what it claims), which decoders treat
 * as a truncated record.
 *
 * <p>A collection block may claim no more items than bytes are left: every map entry and every
 * array element of a type with a value takes at least one byte (only arrays of nulls or of empty
 * records could be denser, and such records are refused). Not thread-safe.
 *
 * <pre>{@code
 * BoundedAvroDecoder in = BoundedAvroDecoder.over(bytes, 5, bytes.length - 5);
 * Object datum = reader.read(null, in);
 * boolean whole = in.isEnd();
 * }</pre>
 */
public final class BoundedAvroDecoder extends Decoder {

  private final BinaryDecoder in;

  private BoundedAvroDecoder(BinaryDecoder in) {
    this.in = in;
  }

  /** A decoder over {@code bytes[offset, offset + length)}. */
  public static BoundedAvroDecoder over(byte[] bytes, int offset, int length) {
    return over(bytes, offset, length, null);
  }

  /**
   * A decoder over {@code bytes[offset, offset + length)} that reuses {@code reuse}'s buffers (a
   * decoder per record is garbage on the hot path); {@code reuse} may be null.
   */
  public static BoundedAvroDecoder over(
      byte[] bytes, int offset, int length, BoundedAvroDecoder reuse) {
    return new BoundedAvroDecoder(
        DecoderFactory.get().binaryDecoder(bytes, offset, length, reuse == null ? null : reuse.in));
  }

  /** Whether every byte has been read. */
  public boolean isEnd() throws IOException {
    return in.isEnd();
  }

  private long left() throws IOException {
    return in.inputStream().available();
  }

  /** {@code claimed} bytes of a string or bytes value, when that many are left. */
  private int length(String what) throws IOException {
    long claimed = in.readLong();
    long left = left();
    if (claimed < 0 || claimed > left) {
      throw new EOFException(what + " of " + claimed + " bytes claimed, " + left + " left");
    }
    return (int) claimed;
  }

  /** A collection block's item count, when no larger than the bytes left. */
  private long items(long claimed) throws IOException {
    long left = left();
    if (claimed > left) {
      throw new EOFException(claimed + " items claimed, " + left + " bytes left");
    }
    return claimed;
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = length("string");
    Utf8 result = old == null ? new Utf8() : old;
    result.setByteLength(length);
    in.readFixed(result.getBytes(), 0, length);
    return result;
  }

  @Override
  public String readString() throws IOException {
    return readString(null).toString();
  }

  @Override
  public void skipString() throws IOException {
    in.skipString();
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = length("bytes");
    byte[] bytes = new byte[length];
    in.readFixed(bytes, 0, length);
    return ByteBuffer.wrap(bytes);
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipBytes();
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    in.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public long readArrayStart() throws IOException {
    return items(in.readArrayStart());
  }

  @Override
  public long arrayNext() throws IOException {
    return items(in.arrayNext());
  }

  @Override
  public long skipArray() throws IOException {
    return in.skipArray();
  }

  @Override
  public long readMapStart() throws IOException {
    return items(in.readMapStart());
  }

  @Override
  public long mapNext() throws IOException {
    return items(in.mapNext());
  }

  @Override
  public long skipMap() throws IOException {
    return in.skipMap();
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }
}
