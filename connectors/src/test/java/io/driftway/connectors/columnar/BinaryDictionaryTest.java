package io.driftway.connectors.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.RequiresFallback;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/**
 * {@link BinaryDictionary} against Parquet's {@code PlainBinaryDictionaryValuesWriter}, fed the
 * same values: the same data pages, sizes, fallback decisions, dictionary page and fallback values.
 */
class BinaryDictionaryTest {

  private static final HeapByteBufferAllocator HEAP = new HeapByteBufferAllocator();

  @Test
  void writesWhatParquetsDictionaryWritesPageForPage() throws IOException {
    List<byte[]> pool = pool(new SplittableRandom(5), 700);
    PlainBinaryDictionaryValuesWriter parquet = parquets(64 * 1024);
    BinaryDictionary ours = new BinaryDictionary(64 * 1024, dictionary(), dictionary(), HEAP);
    SplittableRandom pick = new SplittableRandom(9);

    for (int page = 0; page < 12; page++) {
      for (int i = 0; i < 1_000; i++) {
        byte[] value = pool.get(pick.nextInt(pool.size()));
        parquet.writeBytes(Binary.fromConstantByteArray(value));
        writeInTheMiddleOfAnArray(ours, value);
      }
      assertThat(ours.getDictionarySize()).isEqualTo(parquet.getDictionarySize());
      assertThat(ours.getAllocatedSize()).isEqualTo(parquet.getAllocatedSize());
      assertThat(ours.getBufferedSize()).isEqualTo(parquet.getBufferedSize());
      assertThat(ours.shouldFallBack()).isEqualTo(parquet.shouldFallBack());
      assertThat(ours.getBytes().toByteArray()).isEqualTo(parquet.getBytes().toByteArray());
      assertThat(ours.getEncoding()).isEqualTo(parquet.getEncoding());
      parquet.reset();
      ours.reset();
    }
    assertThat(ours.getDictionarySize()).isGreaterThan(600);

    DictionaryPage want = parquet.toDictPageAndClose();
    DictionaryPage got = ours.toDictPageAndClose();
    assertThat(got.getDictionarySize()).isEqualTo(want.getDictionarySize());
    assertThat(got.getEncoding()).isEqualTo(want.getEncoding());
    assertThat(got.getBytes().toByteArray()).isEqualTo(want.getBytes().toByteArray());
  }

  @Test
  void fallsBackWhereParquetsDictionaryDoesWithTheSameValues() throws IOException {
    List<byte[]> pool = pool(new SplittableRandom(17), 2_000);
    PlainBinaryDictionaryValuesWriter parquet = parquets(2_048);
    BinaryDictionary ours = new BinaryDictionary(2_048, dictionary(), dictionary(), HEAP);
    SplittableRandom pick = new SplittableRandom(3);

    int written = 0;
    while (!parquet.shouldFallBack()) {
      byte[] value = pool.get(pick.nextInt(pool.size()));
      parquet.writeBytes(Binary.fromConstantByteArray(value));
      writeInTheMiddleOfAnArray(ours, value);
      assertThat(ours.shouldFallBack()).isEqualTo(parquet.shouldFallBack());
      written++;
    }
    assertThat(written).isGreaterThan(50);

    assertThat(fallBack(ours)).isEqualTo(fallBack(parquet));
    assertThat(ours.getDictionarySize()).isZero();
    assertThat(ours.toDictPageAndClose()).isNull();
  }

  @Test
  void startsOverAfterItsDictionaryIsReset() throws IOException {
    PlainBinaryDictionaryValuesWriter parquet = parquets(1024);
    BinaryDictionary ours = new BinaryDictionary(1024, dictionary(), dictionary(), HEAP);
    for (String word :
        List.of("north", "south", "", "north", "a-much-longer-value-of-many-bytes")) {
      byte[] value = word.getBytes(StandardCharsets.UTF_8);
      parquet.writeBytes(Binary.fromConstantByteArray(value));
      ours.writeBytes(Binary.fromString(word));
    }
    assertThat(ours.getBytes().toByteArray()).isEqualTo(parquet.getBytes().toByteArray());
    parquet.reset();
    ours.reset();
    parquet.resetDictionary();
    ours.resetDictionary();

    for (String word : List.of("south", "west", "south")) {
      parquet.writeBytes(Binary.fromString(word));
      ours.writeBytes(
          Binary.fromReusedByteArray(
              ("x" + word).getBytes(StandardCharsets.UTF_8), 1, word.length()));
    }
    assertThat(ours.getDictionarySize()).isEqualTo(2);
    assertThat(ours.getBytes().toByteArray()).isEqualTo(parquet.getBytes().toByteArray());
    assertThat(ours.toDictPageAndClose().getBytes().toByteArray())
        .isEqualTo(parquet.toDictPageAndClose().getBytes().toByteArray());
  }

  @Test
  void takesTheEncodingsOfParquetsDefaultWriters() {
    ParquetProperties v1 = ParquetProperties.builder().build();
    ParquetProperties v2 =
        ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
            .build();

    assertThat(BinaryDictionary.of(v1).getEncoding()).isEqualTo(Encoding.PLAIN_DICTIONARY);
    assertThat(BinaryDictionary.of(v2).getEncoding()).isEqualTo(Encoding.RLE_DICTIONARY);
    BinaryDictionary dictionary = BinaryDictionary.of(v2);
    dictionary.writeBytes(Binary.fromString("one"));
    dictionary.getBytes();
    assertThat(dictionary.toDictPageAndClose().getEncoding()).isEqualTo(Encoding.PLAIN);
  }

  /**
   * Values that differ only in their last two bytes spread over the slots at every length, with and
   * without a tail past the last eight bytes: the slot's low bits see every byte. (A plain multiply
   * leaves them to the first bytes: 4 slots of 1,024 for these values at length 7.)
   */
  @Test
  void valuesThatDifferOnlyAtTheirEndSpreadOverTheSlots() {
    for (int length : new int[] {2, 7, 8, 15, 16, 23}) {
      Set<Integer> slots = new HashSet<>();
      for (int i = 0; i < 1_000; i++) {
        byte[] value = new byte[length];
        Arrays.fill(value, (byte) 'p');
        value[length - 2] = (byte) ('0' + i / 32);
        value[length - 1] = (byte) ('0' + i % 32);
        slots.add(BinaryDictionary.hash(value, 0, length) & 1023);
      }
      // 1,000 values thrown at random into 1,024 slots take about 630 of them
      assertThat(slots).as("length %d", length).hasSizeGreaterThan(550);
    }
  }

  private static Encoding dictionary() {
    return Encoding.PLAIN_DICTIONARY;
  }

  private static PlainBinaryDictionaryValuesWriter parquets(int maxBytes) {
    return new PlainBinaryDictionaryValuesWriter(maxBytes, dictionary(), dictionary(), HEAP);
  }

  /** The value between other bytes, as a run holds it. */
  private static void writeInTheMiddleOfAnArray(BinaryDictionary dictionary, byte[] value) {
    byte[] around = new byte[value.length + 7];
    around[0] = 'x';
    System.arraycopy(value, 0, around, 3, value.length);
    around[around.length - 1] = 'y';
    dictionary.write(around, 3, value.length);
  }

  private static byte[] fallBack(ValuesWriter dictionary) throws IOException {
    PlainValuesWriter plain = new PlainValuesWriter(1024, 64 * 1024, HEAP);
    ((RequiresFallback) dictionary).fallBackAllValuesTo(plain);
    return plain.getBytes().toByteArray();
  }

  /**
   * Values of 0 to 40 bytes, many sharing long prefixes and lengths, some one byte apart at the
   * end, as hash and comparison both must tell them apart.
   */
  private static List<byte[]> pool(SplittableRandom random, int count) {
    List<byte[]> pool = new ArrayList<>();
    pool.add(new byte[0]);
    for (int i = 1; i < count; i++) {
      int kind = random.nextInt(3);
      String value =
          switch (kind) {
            case 0 -> "2026-12-07T12:" + (i % 60) + ":" + (i / 60);
            case 1 -> "user-" + i;
            default -> Integer.toHexString(random.nextInt()).repeat(1 + random.nextInt(4));
          };
      pool.add(value.getBytes(StandardCharsets.UTF_8));
    }
    return pool;
  }
}
