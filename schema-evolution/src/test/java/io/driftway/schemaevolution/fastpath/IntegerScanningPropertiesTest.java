package io.driftway.schemaevolution.fastpath;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link JsonCursor} gathers a number's digits up to eight at a time; whatever the digits, their
 * count and where the number ends in the input (the word loads stop eight bytes before the end), an
 * integer reads as {@link Long#parseLong} reads it, or does not fit a long exactly when it parses
 * to a larger number. Each property names its own seed.
 */
class IntegerScanningPropertiesTest {

  @Property(tries = 3000, seed = "20261212")
  void readsLongsAsParseLongDoes(@ForAll("longs") long value, @ForAll("tails") String tail) {
    assertReadAsParseLong(Long.toString(value), tail);
  }

  @Property(tries = 3000, seed = "20261213")
  void readsDigitRunsOfAnyLengthAsParseLongDoes(
      @ForAll("digitRuns") String text, @ForAll("tails") String tail) {
    assertReadAsParseLong(text, tail);
  }

  /** Every byte that is not a digit ends the number, wherever it falls in the word. */
  @Example
  void anyOtherByteEndsTheDigits() {
    for (int digits = 1; digits <= 9; digits++) {
      for (int b = 0; b < 256; b++) {
        if ((b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E') {
          continue;
        }
        byte[] bytes = ("987654321".substring(0, digits) + "?" + "00000000").getBytes(UTF_8);
        bytes[digits] = (byte) b;
        JsonCursor cursor = new JsonCursor(bytes, 0, bytes.length);
        assertThat(cursor.scanNumber()).isTrue();
        assertThat(cursor.pos).as("the end before byte %s", b).isEqualTo(digits);
        assertThat(cursor.fitsLong()).isTrue();
        assertThat(cursor.longValue())
            .as("the value before byte %s", b)
            .isEqualTo(Long.parseLong("987654321".substring(0, digits)));
      }
    }
  }

  @Provide
  Arbitrary<Long> longs() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L),
        Arbitraries.of(
            0L,
            9L,
            10L,
            99_999_999L,
            100_000_000L,
            1_765_000_000_001L,
            Long.MAX_VALUE,
            Long.MIN_VALUE));
  }

  /** A first digit 1 to 9, then 0 to 24 digits (past a long), mostly zeros and nines. */
  @Provide
  Arbitrary<String> digitRuns() {
    Arbitrary<String> rest =
        Arbitraries.oneOf(
            Arbitraries.strings().numeric().ofMaxLength(24),
            Arbitraries.strings().withChars('0', '9').ofMaxLength(24));
    return Combinators.combine(Arbitraries.of("", "-"), Arbitraries.integers().between(1, 9), rest)
        .as((sign, first, digits) -> sign + first + digits);
  }

  /** What follows the number in the record: nothing, a delimiter, or more of the record. */
  @Provide
  Arbitrary<String> tails() {
    return Arbitraries.of("", ",", "}", " ", ",\"n\":12345678}", "]\n", "\u00e9");
  }

  private static void assertReadAsParseLong(String text, String tail) {
    byte[] bytes = (text + tail).getBytes(StandardCharsets.UTF_8);
    JsonCursor cursor = new JsonCursor(bytes, 0, bytes.length);
    assertThat(cursor.scanNumber()).as("scans %s", text).isTrue();
    assertThat(cursor.pos).as("the end of %s", text).isEqualTo(text.length());
    assertThat(cursor.isIntegral()).isTrue();
    BigInteger exact = new BigInteger(text);
    boolean fits = exact.bitLength() < Long.SIZE;
    assertThat(cursor.fitsLong()).as("%s fits a long", text).isEqualTo(fits);
    if (fits) {
      assertThat(cursor.longValue()).as("the value of %s", text).isEqualTo(Long.parseLong(text));
    }
  }
}
