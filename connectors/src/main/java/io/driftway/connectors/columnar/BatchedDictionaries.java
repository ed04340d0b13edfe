package io.driftway.connectors.columnar;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.RequiresFallback;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainLongDictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Parquet's own values writers, with the dictionary lookups of {@code long} and {@code binary}
 * columns done in runs: a value is first kept in a small per-column array, and the run goes through
 * Parquet's dictionary writer in one go when the array is full or before Parquet asks the column
 * anything (its size, its bytes, its dictionary page, whether to fall back).
 *
 * <p>Why: a row touches every column once, so with a hundred dictionary-encoded columns each
 * dictionary's hash table is out of the cache again by the time the next row reaches it. In the
 * peers bench's wide tables, Parquet's dictionary lookups were about a third of Driftway's CPU
 * (load-tests/README.md). Looked up in runs, one table stays in the cache for the whole run.
 *
 * <p>The file is the one Parquet's default writers write: same dictionaries, same ids in the same
 * order, same pages, and each column falls back to its plain encoding at the same value (see {@link
 * Runs}). A {@code long} run goes into Parquet's own dictionary writer, a {@code binary} one into
 * {@link BinaryDictionary}, which writes what Parquet's does from a table of its own. A run holds a
 * copy of each binary value's bytes, as its writer may reuse them; a value longer than {@link
 * #RUN_BYTES} is looked up at once.
 *
 * <p>A run costs 2 KB per {@code long} column and 1 KB plus up to {@link #RUN_BYTES} per {@code
 * binary} column of each open file. Set it with {@code
 * ParquetProperties.Builder#withValuesWriterFactory}; one instance per properties (Parquet calls
 * {@link #initialize} with them).
 */
final class BatchedDictionaries implements ValuesWriterFactory {

  /** Values per run. */
  static final int RUN = 256;

  /** The most bytes of binary values a run holds before it is looked up. */
  static final int RUN_BYTES = 8 * 1024;

  private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();
  private ParquetProperties properties;

  @Override
  public void initialize(ParquetProperties properties) {
    this.properties = properties;
    defaults.initialize(properties);
  }

  @Override
  public ValuesWriter newValuesWriter(ColumnDescriptor column) {
    ValuesWriter writer = defaults.newValuesWriter(column);
    PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
    if (!(writer instanceof FallbackValuesWriter<?, ?> fallback)) {
      return writer;
    }
    if (type == PrimitiveTypeName.INT64
        && fallback.initialWriter instanceof PlainLongDictionaryValuesWriter dictionary) {
      return FallbackValuesWriter.of(
          new Runs(dictionary, null, properties.getDictionaryPageSizeThreshold()),
          fallback.fallBackWriter);
    }
    if (type == PrimitiveTypeName.BINARY
        && fallback.initialWriter.getClass() == PlainBinaryDictionaryValuesWriter.class) {
      BinaryDictionary dictionary = BinaryDictionary.of(properties);
      return FallbackValuesWriter.of(
          new Runs(dictionary, dictionary, properties.getDictionaryPageSizeThreshold()),
          fallback.fallBackWriter);
    }
    return writer;
  }

  /**
   * A dictionary writer that hands its values to Parquet's in runs. Every call that reads the
   * dictionary's state first looks up the run it holds.
   *
   * <p>A run never holds more than the dictionary has room for (each new {@code long} entry takes 8
   * bytes of the dictionary's size limit, each new binary one 4 plus its length), so a dictionary
   * only outgrows its limit in a lookup made from a write, which Parquet's fallback check follows
   * at once, as it follows every value with the default writer. A lookup made before a page is cut
   * never does: Parquet writes a page with its dictionary only while the dictionary is within its
   * limit, and builds the dictionary page to that size.
   */
  static final class Runs extends ValuesWriter implements RequiresFallback {
    private final DictionaryValuesWriter dictionary;

    /** The dictionary again when the column is {@code binary}, null when it is {@code long}. */
    private final BinaryDictionary binary;

    private final long maxDictionaryBytes;
    private final long[] longs;

    /** Binary values: their bytes copied end to end, and where each one ends. */
    private final int[] ends;

    private byte[] bytes;
    private final Copy copy = new Copy();
    private int size;
    private long dictionaryBytes;
    private boolean shouldFallBack;

    Runs(DictionaryValuesWriter dictionary, BinaryDictionary binary, long maxDictionaryBytes) {
      this.dictionary = dictionary;
      this.binary = binary;
      this.maxDictionaryBytes = maxDictionaryBytes;
      this.longs = binary != null ? null : new long[RUN];
      this.ends = binary != null ? new int[RUN] : null;
      this.bytes = binary != null ? new byte[1024] : null;
    }

    @Override
    public void writeLong(long value) {
      longs[size++] = value;
      if (size == RUN || dictionaryBytes + (long) Long.BYTES * size > maxDictionaryBytes) {
        lookUp();
      }
    }

    /**
     * Copies the value's bytes: its writer may reuse them once this call returns (the columnar path
     * hands over strings in the input record's buffer).
     */
    @Override
    public void writeBytes(Binary value) {
      int start = size == 0 ? 0 : ends[size - 1];
      int length = value.length();
      if (start + length > RUN_BYTES) {
        lookUp();
        start = 0;
        if (length > RUN_BYTES) {
          dictionary.writeBytes(value);
          lookedUp();
          return;
        }
      }
      if (start + length > bytes.length) {
        bytes =
            Arrays.copyOf(bytes, Math.min(RUN_BYTES, Math.max(2 * bytes.length, start + length)));
      }
      copy.at = start;
      try {
        value.writeTo(copy);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot copy a binary value into a dictionary run", e);
      }
      ends[size++] = start + length;
      if (size == RUN || dictionaryBytes + ends[size - 1] + 4L * size > maxDictionaryBytes) {
        lookUp();
      }
    }

    /** Puts the run held into the dictionary writer, in order. */
    private void lookUp() {
      if (longs != null) {
        for (int i = 0; i < size; i++) {
          dictionary.writeLong(longs[i]);
        }
      } else {
        // The dictionary copies a value it keeps, as the next run overwrites these bytes.
        for (int i = 0, start = 0; i < size; start = ends[i++]) {
          binary.write(bytes, start, ends[i] - start);
        }
      }
      size = 0;
      lookedUp();
    }

    /** Where {@link Binary#writeTo} puts a value's bytes: into the run, with no buffer between. */
    private final class Copy extends OutputStream {
      int at;

      @Override
      public void write(byte[] source, int offset, int length) {
        System.arraycopy(source, offset, bytes, at, length);
        at += length;
      }

      @Override
      public void write(int b) {
        bytes[at++] = (byte) b;
      }
    }

    private void lookedUp() {
      dictionaryBytes = dictionary.getAllocatedSize() - dictionary.getBufferedSize();
      shouldFallBack = dictionary.shouldFallBack();
    }

    /** As of the last run looked up: checked after every value, so it must not look up. */
    @Override
    public boolean shouldFallBack() {
      return shouldFallBack;
    }

    @Override
    public boolean isCompressionSatisfying(long rawSize, long encodedSize) {
      lookUp();
      return dictionary.isCompressionSatisfying(rawSize, encodedSize);
    }

    @Override
    public void fallBackAllValuesTo(ValuesWriter writer) {
      lookUp();
      dictionary.fallBackAllValuesTo(writer);
    }

    @Override
    public long getBufferedSize() {
      lookUp();
      return dictionary.getBufferedSize();
    }

    @Override
    public BytesInput getBytes() {
      lookUp();
      return dictionary.getBytes();
    }

    @Override
    public Encoding getEncoding() {
      lookUp();
      return dictionary.getEncoding();
    }

    @Override
    public void reset() {
      lookUp();
      dictionary.reset();
    }

    @Override
    public void close() {
      size = 0;
      dictionary.close();
    }

    @Override
    public DictionaryPage toDictPageAndClose() {
      lookUp();
      return dictionary.toDictPageAndClose();
    }

    @Override
    public void resetDictionary() {
      lookUp();
      dictionary.resetDictionary();
    }

    @Override
    public long getAllocatedSize() {
      lookUp();
      return dictionary.getAllocatedSize();
    }

    @Override
    public String memUsageString(String prefix) {
      lookUp();
      return dictionary.memUsageString(prefix);
    }
  }
}
