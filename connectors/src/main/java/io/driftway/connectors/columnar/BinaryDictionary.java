package io.driftway.connectors.columnar;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.IntList;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;

/**
 * A dictionary writer for {@code binary} columns that writes what Parquet's {@code
 * PlainBinaryDictionaryValuesWriter} writes (the same ids in the same order, data pages, dictionary
 * page, sizes and fallback) from its own table: the entries' bytes end to end in one array, found
 * by a hash and compared eight bytes at a time.
 *
 * <p>Why: Parquet's writer keys a hash map by {@code Binary}, whose {@code hashCode}, {@code
 * equals} and copy go byte by byte through three virtual calls, and each entry is two objects of
 * its own; in the peers bench's string columns that was 7% of Driftway's CPU. The dictionary runs
 * ({@link BatchedDictionaries.Runs}) hand their values over as slices of their own array ({@link
 * #write(byte[], int, int)}), so a value the dictionary holds costs no object.
 *
 * <pre>{@code
 * BinaryDictionary dictionary = BinaryDictionary.of(properties);
 * dictionary.write(bytes, start, length);
 * }</pre>
 */
final class BinaryDictionary extends DictionaryValuesWriter {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long MIX = 0x9E3779B97F4A7C15L;

  /** The entries' bytes, in id order, end to end. */
  private byte[] bytes = new byte[256];

  /** Where each entry ends in {@link #bytes}; entry {@code id} starts where {@code id - 1} ends. */
  private int[] ends = new int[16];

  /** Each entry's hash. */
  private int[] hashes = new int[16];

  /** Open addressing, linear probing: an entry's id plus one, 0 for a free slot. */
  private int[] slots = new int[32];

  private int size;

  BinaryDictionary(
      int maxDictionaryByteSize,
      Encoding encodingForDataPage,
      Encoding encodingForDictionaryPage,
      ByteBufferAllocator allocator) {
    super(maxDictionaryByteSize, encodingForDataPage, encodingForDictionaryPage, allocator);
  }

  /** The dictionary Parquet's default values writers give a binary column with {@code props}. */
  static BinaryDictionary of(ParquetProperties properties) {
    boolean v1 = properties.getWriterVersion() == WriterVersion.PARQUET_1_0;
    return new BinaryDictionary(
        properties.getDictionaryPageSizeThreshold(),
        v1 ? Encoding.PLAIN_DICTIONARY : Encoding.RLE_DICTIONARY,
        v1 ? Encoding.PLAIN_DICTIONARY : Encoding.PLAIN,
        properties.getAllocator());
  }

  @Override
  public void writeBytes(Binary value) {
    ByteBuffer buffer = value.toByteBuffer();
    if (buffer.hasArray()) {
      write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    } else {
      byte[] copy = value.getBytes();
      write(copy, 0, copy.length);
    }
  }

  /** Writes the value in {@code source[start, start + length)}; the bytes are not kept. */
  void write(byte[] source, int start, int length) {
    int hash = hash(source, start, length);
    int mask = slots.length - 1;
    int slot = hash & mask;
    for (int taken = slots[slot]; taken != 0; taken = slots[slot]) {
      int id = taken - 1;
      if (hashes[id] == hash && holds(id, source, start, length)) {
        encodedValues.add(id);
        return;
      }
      slot = (slot + 1) & mask;
    }
    int id = add(source, start, length, hash);
    slots[slot] = id + 1;
    if (2 * size > slots.length) {
      rehash();
    }
    // length as an int (4 bytes) and the bytes, as the dictionary page will hold it
    dictionaryByteSize += 4L + length;
    encodedValues.add(id);
  }

  /**
   * Whether entry {@code id} is the value in {@code source}: eight bytes at a time, then the rest.
   */
  private boolean holds(int id, byte[] source, int start, int length) {
    int from = id == 0 ? 0 : ends[id - 1];
    if (ends[id] - from != length) {
      return false;
    }
    int at = 0;
    for (; at + Long.BYTES <= length; at += Long.BYTES) {
      if ((long) LONGS.get(bytes, from + at) != (long) LONGS.get(source, start + at)) {
        return false;
      }
    }
    for (; at < length; at++) {
      if (bytes[from + at] != source[start + at]) {
        return false;
      }
    }
    return true;
  }

  private int add(byte[] source, int start, int length, int hash) {
    int id = size++;
    int from = id == 0 ? 0 : ends[id - 1];
    if (from + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, from + length));
    }
    System.arraycopy(source, start, bytes, from, length);
    if (id == ends.length) {
      ends = Arrays.copyOf(ends, 2 * id);
      hashes = Arrays.copyOf(hashes, 2 * id);
    }
    ends[id] = from + length;
    hashes[id] = hash;
    return id;
  }

  private void rehash() {
    int[] grown = new int[2 * slots.length];
    int mask = grown.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = hashes[id] & mask;
      while (grown[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      grown[slot] = id + 1;
    }
    slots = grown;
  }

  /** Eight bytes at a time, then the rest, mixed so that the low bits, the slot's, see them all. */
  static int hash(byte[] source, int start, int length) {
    long h = length * MIX;
    int at = start;
    int end = start + length;
    for (; at + Long.BYTES <= end; at += Long.BYTES) {
      h = Long.rotateLeft((h ^ (long) LONGS.get(source, at)) * MIX, 29);
    }
    long rest = 0;
    for (int shift = 0; at < end; at++, shift += 8) {
      rest |= (source[at] & 0xFFL) << shift;
    }
    // MurmurHash3's 64-bit finalizer: a product's low bits see only the factors' low bits.
    h ^= rest;
    h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
    h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return (int) (h ^ (h >>> 33));
  }

  /** Entry {@code id} as a binary over this dictionary's array: read it before the next write. */
  private Binary entry(int id) {
    int from = id == 0 ? 0 : ends[id - 1];
    return Binary.fromReusedByteArray(bytes, from, ends[id] - from);
  }

  @Override
  public DictionaryPage toDictPageAndClose() {
    if (lastUsedDictionarySize == 0) {
      return null;
    }
    PlainValuesWriter page =
        new PlainValuesWriter(lastUsedDictionaryByteSize, maxDictionaryByteSize, allocator);
    for (int id = 0; id < lastUsedDictionarySize; id++) {
      page.writeBytes(entry(id));
    }
    return dictPage(page);
  }

  @Override
  public int getDictionarySize() {
    return size;
  }

  @Override
  protected void clearDictionaryContent() {
    size = 0;
    Arrays.fill(slots, 0);
  }

  /** Each entry's value in its own array, as the fallback writer may keep the last one it took. */
  @Override
  public void fallBackDictionaryEncodedData(ValuesWriter writer) {
    Binary[] values = new Binary[size];
    for (int id = 0; id < size; id++) {
      values[id] = entry(id).copy();
    }
    IntList.IntIterator ids = encodedValues.iterator();
    while (ids.hasNext()) {
      writer.writeBytes(values[ids.next()]);
    }
  }
}
