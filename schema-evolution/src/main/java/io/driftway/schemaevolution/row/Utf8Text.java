package io.driftway.schemaevolution.row;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@code string} value as well-formed UTF-8 bytes: where the JSON fast path read a string without
 * escapes, the row holds the slice of the record it was read from and makes no {@link String}, so a
 * writer that wants UTF-8 (Flink's {@code StringData}, Parquet) takes the bytes as they came.
 * {@link Row#getString}, {@link Row#get}, and rows' {@code equals} still see the {@link String}.
 *
 * <p>The bytes are shared, never copied: neither the reader's caller nor a consumer may change
 * them.
 *
 * <pre>{@code
 * Utf8Text text = row.getUtf8(2);
 * StringData data = StringData.fromBytes(text.bytes(), text.offset(), text.length());
 * }</pre>
 */
public final class Utf8Text {

  private final byte[] bytes;
  private final int offset;
  private final int length;

  private Utf8Text(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
  }

  /** The text of {@code bytes[offset, offset + length)}, which must be well-formed UTF-8. */
  public static Utf8Text wrap(byte[] bytes, int offset, int length) {
    return new Utf8Text(bytes, offset, length);
  }

  /** The text of a string, encoded; null for null. */
  public static Utf8Text of(String text) {
    if (text == null) {
      return null;
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return new Utf8Text(utf8, 0, utf8.length);
  }

  /** A row value as the boxed value {@link Row#get} gives: a {@link String} for a text. */
  static Object boxed(Object value) {
    return value instanceof Utf8Text text ? text.toString() : value;
  }

  /** A row value of a {@code string} position as a {@link String}. */
  static String string(Object value) {
    return value instanceof Utf8Text text ? text.toString() : (String) value;
  }

  /** A row value of a {@code string} position as UTF-8. */
  static Utf8Text utf8(Object value) {
    return value instanceof Utf8Text text ? text : value == null ? null : of((String) value);
  }

  /** The shared array holding the bytes; read only. */
  public byte[] bytes() {
    return bytes;
  }

  /** Where the text starts in {@link #bytes()}. */
  public int offset() {
    return offset;
  }

  /** The number of bytes. */
  public int length() {
    return length;
  }

  /** The text decoded. */
  @Override
  public String toString() {
    return new String(bytes, offset, length, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof Utf8Text that
            && Arrays.equals(
                bytes, offset, offset + length, that.bytes, that.offset, that.offset + length));
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
