package io.driftway.schemaevolution.fastpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link JsonCursor#doubleValue} reads a number's bytes in place (by one exact operation, or with
 * FastDoubleParser) and must give the very bits {@code Double.parseDouble} gives for the same text:
 * that is what the general path and Jackson read. Each property names its own seed, so no run
 * passes or fails by a draw.
 */
class DoubleParsingPropertiesTest {

  @Property(tries = 3000, seed = "20261206")
  void readsDoublesPrintedByTheJdkAsParseDoubleDoes(@ForAll("finiteDoubles") double value) {
    assertReadAsParseDouble(Double.toString(value));
  }

  @Property(tries = 3000, seed = "20261207")
  void readsSeventeenDigitsAsParseDoubleDoes(@ForAll("finiteDoubles") double value) {
    assertReadAsParseDouble(String.format(Locale.ROOT, "%.17g", value));
    assertReadAsParseDouble(String.format(Locale.ROOT, "%.16e", value));
  }

  @Property(tries = 2000, seed = "20261208")
  void readsSubnormalsAsParseDoubleDoes(@ForAll("subnormals") double value) {
    assertReadAsParseDouble(Double.toString(value));
    assertReadAsParseDouble(String.format(Locale.ROOT, "%.17g", value));
  }

  /** Halfway between two neighbouring doubles, and just either side: where rounding decides. */
  @Property(tries = 2000, seed = "20261209")
  void readsTextsHalfwayBetweenTwoDoublesAsParseDoubleDoes(
      @ForAll("finiteDoubles") double value, @ForAll("digitCounts") int digits) {
    double low = Math.abs(value);
    double high = Math.nextUp(low);
    if (Double.isInfinite(high)) {
      return;
    }
    BigDecimal half = new BigDecimal(low).add(new BigDecimal(high)).divide(BigDecimal.valueOf(2));
    BigDecimal nudge = BigDecimal.ONE.movePointLeft(half.scale());
    for (BigDecimal text : new BigDecimal[] {half, half.subtract(nudge), half.add(nudge)}) {
      assertReadAsParseDouble(text.toString());
      assertReadAsParseDouble(text.negate().toString());
      // Cut to a few significant digits: the long decimals a producer prints.
      assertReadAsParseDouble(text.round(new MathContext(digits)).toString());
    }
  }

  @Property(tries = 3000, seed = "20261210")
  void readsDecimalsWithExponentsAsParseDoubleDoes(@ForAll("decimalsWithExponents") String text) {
    assertReadAsParseDouble(text);
  }

  @Property(tries = 1000, seed = "20261211")
  void readsIntegersTooBigForALongAsParseDoubleDoes(@ForAll("bigIntegers") String text) {
    assertReadAsParseDouble(text);
  }

  @Example
  void readsTheEdgesAsParseDoubleDoes() {
    for (String text :
        new String[] {
          "0",
          "-0",
          "0.0",
          "-0.0",
          "-0e5",
          "-0.000e-400",
          "0e999",
          "1e308",
          "1.7976931348623157e308",
          "1.7976931348623158e308",
          "1.7976931348623159e308",
          "1e309",
          "-1e309",
          "4.9e-324",
          "2.4703282292062327e-324",
          "2.4703282292062328e-324",
          "2e-324",
          "1e-400",
          "2.2250738585072011e-308",
          "2.2250738585072014E-308",
          "9007199254740993",
          "9007199254740993.0",
          "9223372036854775808",
          "18446744073709551616",
          "123456789012345678901234567890",
          "0.30000000000000004",
          "0.1000000000000000055511151231257827021181583404541015625",
          "1e23",
          "8.41e21",
          "7.038531e-26"
        }) {
      assertReadAsParseDouble(text);
    }
  }

  @Provide
  Arbitrary<Double> finiteDoubles() {
    return Arbitraries.longs()
        .map(Double::longBitsToDouble)
        .filter(value -> !Double.isNaN(value) && !Double.isInfinite(value));
  }

  @Provide
  Arbitrary<Double> subnormals() {
    return Combinators.combine(
            Arbitraries.longs().between(1, (1L << 52) - 1), Arbitraries.of(false, true))
        .as((bits, negative) -> Double.longBitsToDouble(bits | (negative ? Long.MIN_VALUE : 0)));
  }

  @Provide
  Arbitrary<Integer> digitCounts() {
    return Arbitraries.integers().between(15, 25);
  }

  /**
   * {@code -?int(.frac)?((e|E)(+|-)?exp)?}: an integral part of 0 or 1 to 20 digits, up to 40
   * digits of fraction, exponents past both ends of a double's range.
   */
  @Provide
  Arbitrary<String> decimalsWithExponents() {
    Arbitrary<String> integral =
        Arbitraries.oneOf(
            Arbitraries.just("0"),
            Combinators.combine(
                    Arbitraries.integers().between(1, 9),
                    Arbitraries.strings().numeric().ofMaxLength(19))
                .as((first, rest) -> first + rest));
    Arbitrary<String> fraction =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40).map(d -> "." + d));
    Arbitrary<String> exponent =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Combinators.combine(
                    Arbitraries.of("e", "E", "e+", "E-", "e-"),
                    Arbitraries.integers().between(0, 400))
                .as((marker, value) -> marker + value));
    return Combinators.combine(Arbitraries.of("", "-"), integral, fraction, exponent)
        .as((sign, whole, part, power) -> sign + whole + part + power);
  }

  /** Integral texts of 19 to 400 digits, from just past a long to past a double's range. */
  @Provide
  Arbitrary<String> bigIntegers() {
    return Combinators.combine(
            Arbitraries.of("", "-"),
            Arbitraries.integers().between(1, 9),
            Arbitraries.strings().numeric().ofMinLength(18).ofMaxLength(399))
        .as((sign, first, rest) -> sign + first + rest);
  }

  private static void assertReadAsParseDouble(String text) {
    byte[] bytes = ("[" + text + "]").getBytes(StandardCharsets.US_ASCII);
    JsonCursor cursor = new JsonCursor(bytes, 1, bytes.length);
    assertThat(cursor.scanNumber()).as("scans %s", text).isTrue();
    assertThat(cursor.pos).as("the end of %s", text).isEqualTo(bytes.length - 1);
    assertThat(Double.doubleToRawLongBits(cursor.doubleValue()))
        .as("the bits of %s", text)
        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
  }
}
