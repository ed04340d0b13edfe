package io.driftway.schemaevolution.fastpath;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.driftway.schemaevolution.row.Utf8Text;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A position in one record's UTF-8 bytes, and the scans the fast path makes from it: whitespace,
 * strings, numbers and literals, each exactly as strict as Jackson's parser with the module's
 * settings ({@link io.driftway.schemaevolution.values.JsonValues#FACTORY}: standard JSON, nothing
 * lenient). A scan that meets anything Jackson would refuse, or that the fast path does not take
 * the trouble to handle (invalid UTF-8, a number longer than {@value #MAX_NUMBER_LENGTH}
 * characters), answers "no" and the reader declines the record: the general path then reads it with
 * Jackson and decides.
 *
 * <p>One cursor per {@code read}: not thread-safe, never shared.
 */
final class JsonCursor {

  /** Past the end of the input, where a byte is asked for. */
  static final int EOF = -1;

  /** Jackson's default limits ({@code StreamReadConstraints}): beyond them it refuses. */
  static final int MAX_DEPTH = 1000;

  static final int MAX_NAME_BYTES = 50_000;
  static final int MAX_STRING_BYTES = 20_000_000;
  static final int MAX_NUMBER_LENGTH = 1000;

  /** Powers of ten a double holds exactly: the range of the exact fast path for decimals. */
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /** Eight bytes of the input at once, for the scan of plain ASCII strings. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * ' ';
  private static final long ZEROS = ONES * '0';

  /** Added to a byte, sets its high bit when it is above '9' (0x39 + 0x46 = 0x7F). */
  private static final long ABOVE_NINE = ONES * 0x46;

  /** Low bytes of each half of a word, for pairing digit groups. */
  private static final long LOW_BYTE_OF_HALVES = 0x000000FF000000FFL;

  /** Multipliers of the last step of {@link #eightDigits}, one per half of the word. */
  private static final long HUNDRED_AND_MILLION = 100 + (1_000_000L << 32);

  private static final long ONE_AND_TEN_THOUSAND = 1 + (10_000L << 32);

  /** 10^n for the n digits one word adds to the mantissa. */
  private static final long[] WORD_SCALES = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L
  };

  /** Significant digits gathered while scanning: any 18 fit a long. */
  private static final int MAX_GATHERED = 18;

  /** An exponent beyond any double's range, where scanning stops counting. */
  private static final int HUGE_EXPONENT = 100_000;

  /** Digits a mantissa below 2^53 always has room for. */
  private static final int EXACT_DIGITS = 15;

  final byte[] bytes;
  final int end;
  int pos;

  /** The last number scanned: {@code bytes[numberStart, pos)}, and whether it had no fraction. */
  private int numberStart;

  private boolean integral;
  private boolean negative;

  /** Its significant digits as read (up to {@value #MAX_GATHERED}), and how many there were. */
  private long mantissa;

  private int significant;

  /** How many of the gathered digits were after the point, and the exponent written. */
  private int scale;

  private int exponent;

  private long longValue;

  JsonCursor(byte[] bytes, int offset, int end) {
    this.bytes = bytes;
    this.pos = offset;
    this.end = end;
  }

  /** Skips JSON whitespace; the byte then at {@link #pos} (unsigned), or {@link #EOF}. */
  int skipWhitespace() {
    int p = pos;
    while (p < end) {
      int b = bytes[p];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        pos = p;
        return b & 0xFF;
      }
      p++;
    }
    pos = p;
    return EOF;
  }

  /**
   * A field name as a record spells it between quotes, closing quote included, ready to be compared
   * eight bytes at a time: {@code head} is its first eight bytes (fewer for a short name, the rest
   * masked off by {@code mask}).
   */
  static final class Name {
    private final byte[] quoted;
    private final long head;
    private final long mask;

    private Name(byte[] quoted, long head, long mask) {
      this.quoted = quoted;
      this.head = head;
      this.mask = mask;
    }

    /** The name of these UTF-8 bytes, which carry no quote, backslash or control character. */
    static Name of(byte[] name) {
      byte[] quoted = Arrays.copyOf(name, name.length + 1);
      quoted[name.length] = '"';
      long head = 0;
      int n = Math.min(Long.BYTES, quoted.length);
      for (int i = n - 1; i >= 0; i--) {
        head = (head << 8) | (quoted[i] & 0xFF);
      }
      long mask = n == Long.BYTES ? -1L : (1L << (8 * n)) - 1;
      return new Name(quoted, head, mask);
    }
  }

  /**
   * True, and past the closing quote, when the string starting at {@link #pos} (just after its
   * opening quote) is {@code name} byte for byte: a match is the whole, unescaped string, since the
   * name carries no quote, backslash or control character.
   */
  boolean matchName(Name name) {
    int p = pos;
    byte[] quoted = name.quoted;
    int n = quoted.length;
    if (p + Long.BYTES <= end) {
      // One load settles most names, and most mismatches.
      if (((long) LONGS.get(bytes, p) & name.mask) != name.head) {
        return false;
      }
      if (n <= Long.BYTES) {
        pos = p + n;
        return true;
      }
    }
    if (p + n > end || !Arrays.equals(bytes, p, p + n, quoted, 0, n)) {
      return false;
    }
    pos = p + n;
    return true;
  }

  /**
   * The string starting at {@link #pos} (just after its opening quote), decoded, and {@link #pos}
   * past its closing quote; or null where Jackson would fail (a raw control character, a bad
   * escape, no closing quote), where the bytes are not well-formed UTF-8, or beyond {@code
   * maxBytes}.
   */
  String readString(int maxBytes) {
    return (String) scanString(maxBytes, false);
  }

  /**
   * The string starting at {@link #pos} as {@link #readString} reads it, but held as a {@link
   * Utf8Text} over the input when it has no escape (the input is then shared: see {@link
   * JsonRowReader#read(byte[], int, int)}); a {@link String} when it had one.
   */
  Object readText(int maxBytes) {
    return scanString(maxBytes, true);
  }

  private Object scanString(int maxBytes, boolean asText) {
    int start = pos;
    int p = start;
    // Plain ASCII, the common case: eight bytes at a time to the first special byte, then a
    // straight copy into a Latin-1 string when that byte is the closing quote.
    while (p + Long.BYTES <= end) {
      long special = specialBytes((long) LONGS.get(bytes, p));
      if (special != 0) {
        // The lowest flagged byte is a true one (false alarms only come after a true one).
        p += Long.numberOfTrailingZeros(special) >>> 3;
        return bytes[p] == '"'
            ? plainString(start, p, maxBytes, asText)
            : readUnusualString(start, p, maxBytes, asText);
      }
      p += Long.BYTES;
    }
    while (p < end) {
      int b = bytes[p];
      if (b == '"') {
        return plainString(start, p, maxBytes, asText);
      }
      if (b < 0x20 || b == '\\') {
        // Negative bytes (non-ASCII), control characters and escapes.
        break;
      }
      p++;
    }
    return readUnusualString(start, p, maxBytes, asText);
  }

  private Object plainString(int start, int quote, int maxBytes, boolean asText) {
    if (quote - start > maxBytes) {
      return null;
    }
    pos = quote + 1;
    return asText
        ? Utf8Text.wrap(bytes, start, quote - start)
        : new String(bytes, start, quote - start, StandardCharsets.ISO_8859_1);
  }

  /**
   * The high bit of each of the eight bytes of {@code word} (little-endian) that may end a plain
   * ASCII run: a quote, a backslash, a control character or a non-ASCII byte. Exact up to the
   * lowest flagged byte; above it a borrow may raise a false alarm, which the caller never reads.
   */
  private static long specialBytes(long word) {
    long quote = word ^ QUOTES;
    long backslash = word ^ BACKSLASHES;
    long flags =
        ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | (word - SPACES) | word;
    return flags & HIGH_BITS;
  }

  private Object readUnusualString(int start, int from, int maxBytes, boolean asText) {
    int p = from;
    boolean escaped = false;
    while (true) {
      if (p >= end) {
        return null;
      }
      int b = bytes[p];
      if (b == '"') {
        break;
      }
      if (b == '\\') {
        escaped = true;
        p += 2;
      } else if (b < 0) {
        p = skipUtf8(p);
        if (p < 0) {
          return null;
        }
      } else if (b < 0x20) {
        return null;
      } else {
        p++;
      }
    }
    if (p - start > maxBytes) {
      return null;
    }
    Object text =
        escaped
            ? unescape(start, p)
            : asText
                ? Utf8Text.wrap(bytes, start, p - start)
                : new String(bytes, start, p - start, StandardCharsets.UTF_8);
    pos = p + 1;
    return text;
  }

  /**
   * The end of the well-formed UTF-8 sequence starting at {@code p}, or -1. Strict (no overlong
   * forms, no surrogates, nothing above U+10FFFF), so the JDK's decoder and Jackson's give the same
   * characters for every sequence accepted here; the rest the general path reads.
   */
  private int skipUtf8(int p) {
    int b = bytes[p] & 0xFF;
    int length;
    int low = 0x80;
    int high = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      length = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      length = 3;
      if (b == 0xE0) {
        low = 0xA0;
      } else if (b == 0xED) {
        high = 0x9F;
      }
    } else if (b >= 0xF0 && b <= 0xF4) {
      length = 4;
      if (b == 0xF0) {
        low = 0x90;
      } else if (b == 0xF4) {
        high = 0x8F;
      }
    } else {
      return -1;
    }
    if (p + length > end) {
      return -1;
    }
    int second = bytes[p + 1] & 0xFF;
    if (second < low || second > high) {
      return -1;
    }
    for (int i = 2; i < length; i++) {
      if ((bytes[p + i] & 0xC0) != 0x80) {
        return -1;
      }
    }
    return p + length;
  }

  /** Decodes {@code bytes[start, stop)}, a string body already checked but for its escapes. */
  private String unescape(int start, int stop) {
    StringBuilder out = new StringBuilder(stop - start);
    int run = start;
    int p = start;
    while (p < stop) {
      if (bytes[p] != '\\') {
        p++;
        continue;
      }
      out.append(new String(bytes, run, p - run, StandardCharsets.UTF_8));
      int escape = bytes[p + 1];
      p += 2;
      switch (escape) {
        case '"', '\\', '/' -> out.append((char) escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (p + 4 > stop) {
            return null;
          }
          int c = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(bytes[p + i], 16);
            if (digit < 0) {
              return null;
            }
            c = (c << 4) | digit;
          }
          // A lone surrogate stays one, as Jackson keeps it.
          out.append((char) c);
          p += 4;
        }
        default -> {
          return null;
        }
      }
      run = p;
    }
    return out.append(new String(bytes, run, stop - run, StandardCharsets.UTF_8)).toString();
  }

  /** True, and past it, when {@code literal} (ASCII: true, false, null) is at {@link #pos}. */
  boolean literal(String literal) {
    int n = literal.length();
    if (pos + n > end) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (bytes[pos + i] != literal.charAt(i)) {
        return false;
      }
    }
    pos += n;
    // "truex" is one bad token to Jackson; anything but a delimiter after the literal is refused
    // by the caller, which expects a comma, a closing bracket or whitespace next.
    return true;
  }

  /**
   * Scans a JSON number at {@link #pos} (optional minus, no leading zeros, fraction and exponent
   * each with at least one digit) and moves past it; false where Jackson would refuse it or where
   * it is longer than {@value #MAX_NUMBER_LENGTH} characters. Its digits are gathered on the way
   * (up to {@value #MAX_GATHERED} significant ones), so {@link #fitsLong} and {@link #doubleValue}
   * need not read them again.
   */
  boolean scanNumber() {
    int p = pos;
    numberStart = p;
    negative = p < end && bytes[p] == '-';
    if (negative) {
      p++;
    }
    if (p >= end) {
      return false;
    }
    mantissa = 0;
    significant = 0;
    scale = 0;
    exponent = 0;
    integral = true;
    int b = bytes[p];
    if (b == '0') {
      p++;
    } else if (b >= '1' && b <= '9') {
      p = gather(p, false);
    } else {
      return false;
    }
    if (p < end && bytes[p] == '.') {
      int fraction = p + 1;
      p = gather(fraction, true);
      if (p == fraction) {
        return false;
      }
      integral = false;
    }
    if (p < end && (bytes[p] == 'e' || bytes[p] == 'E')) {
      p++;
      boolean negativeExponent = p < end && bytes[p] == '-';
      if (p < end && (bytes[p] == '+' || bytes[p] == '-')) {
        p++;
      }
      int digits = p;
      int value = 0;
      while (p < end && bytes[p] >= '0' && bytes[p] <= '9') {
        // Capped: beyond it only the JDK reads the number (see doubleValue).
        value = Math.min(value * 10 + (bytes[p] - '0'), HUGE_EXPONENT);
        p++;
      }
      if (p == digits) {
        return false;
      }
      exponent = negativeExponent ? -value : value;
      integral = false;
    }
    if (p < end && bytes[p] >= '0' && bytes[p] <= '9') {
      // A digit after a lone zero: a leading zero, which Jackson refuses.
      return false;
    }
    if (p - numberStart > MAX_NUMBER_LENGTH) {
      return false;
    }
    pos = p;
    return true;
  }

  /**
   * Reads digits from {@code from} into {@link #mantissa} (significant ones, that is from the first
   * non-zero digit on, up to {@value #MAX_GATHERED}; {@link #significant} counts them all) and, for
   * a fraction, counts them into {@link #scale}; the position after the last digit.
   */
  private int gather(int from, boolean fraction) {
    int p = from;
    // Up to eight digits per load: most numbers are ids and epoch times of 6 to 19 digits.
    while (p + Long.BYTES <= end) {
      long word = (long) LONGS.get(bytes, p);
      int digits = leadingDigits(word);
      if (digits == 0) {
        return p;
      }
      if ((significant == 0 && (word & 0xFF) == '0') || significant + digits > MAX_GATHERED) {
        // Leading zeros (not significant) or past what a long gathers: one digit at a time.
        break;
      }
      // The digits to the top bytes: the bytes below read as leading zeros.
      mantissa =
          mantissa * WORD_SCALES[digits]
              + eightDigits((word - ZEROS) << ((Long.BYTES - digits) << 3));
      significant += digits;
      if (fraction) {
        scale += digits;
      }
      p += digits;
      if (digits < Long.BYTES) {
        return p;
      }
    }
    while (p < end) {
      int digit = bytes[p] - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      if (significant > 0 || digit != 0) {
        if (++significant <= MAX_GATHERED) {
          mantissa = mantissa * 10 + digit;
        }
      }
      if (fraction && significant <= MAX_GATHERED) {
        scale++;
      }
      p++;
    }
    return p;
  }

  /**
   * How many of the eight bytes of {@code word} (little-endian: the first byte lowest) are ASCII
   * digits before the first that is not. Taking '0' from a byte sets its high bit when the byte is
   * below '0' (a borrow) or from 0xB0 up; adding 0x46 sets it from ':' to 0xB9: every byte but a
   * digit is flagged by one of the two, and no digit by either. Borrows and carries only move up
   * (only a non-digit makes one), so the lowest flagged byte is exact.
   */
  private static int leadingDigits(long word) {
    long flags = ((word - ZEROS) | (word + ABOVE_NINE)) & HIGH_BITS;
    return Long.numberOfTrailingZeros(flags) >>> 3;
  }

  /**
   * The number the eight digit values (0 to 9, one per byte, the most significant first, that is
   * lowest) of {@code values} spell: adjacent digits are paired into numbers below 100, pairs into
   * numbers below 10,000, those into the result, each step a few multiplications on the whole word.
   */
  private static long eightDigits(long values) {
    // Each byte b becomes 10 * b + (the next byte): the even bytes then hold the pairs.
    long pairs = values * 10 + (values >>> 8);
    // Each half's first pair times 100 plus its second is the half's four digits; the first
    // half's times 10^4 plus the second's is the number, which these multipliers leave in the
    // upper 32 bits (the lower 32 hold partial products that never carry into them).
    return (((pairs & LOW_BYTE_OF_HALVES) * HUNDRED_AND_MILLION)
            + (((pairs >>> 16) & LOW_BYTE_OF_HALVES) * ONE_AND_TEN_THOUSAND))
        >>> 32;
  }

  /** True when the last number scanned has neither fraction nor exponent. */
  boolean isIntegral() {
    return integral;
  }

  /** The text of the last number scanned. */
  String numberText() {
    return new String(bytes, numberStart, pos - numberStart, StandardCharsets.ISO_8859_1);
  }

  /**
   * True when the last number scanned, integral, fits a {@code long}; then {@link #longValue} is
   * it. Up to {@value #MAX_GATHERED} digits it always does; longer ones are read again,
   * accumulating negatively so that {@link Long#MIN_VALUE} fits too.
   */
  boolean fitsLong() {
    if (significant <= MAX_GATHERED) {
      longValue = negative ? -mantissa : mantissa;
      return true;
    }
    int p = numberStart + (negative ? 1 : 0);
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long before = limit / 10;
    long value = 0;
    for (; p < pos; p++) {
      int digit = bytes[p] - '0';
      if (value < before) {
        return false;
      }
      value *= 10;
      if (value < limit + digit) {
        return false;
      }
      value -= digit;
    }
    longValue = negative ? value : -value;
    return true;
  }

  /** The value {@link #fitsLong} found. */
  long longValue() {
    return longValue;
  }

  /**
   * The last number scanned as the nearest double, as {@code Double.parseDouble} (and Jackson's
   * exact parser) reads its text: exactly by one multiplication or division when the decimal has at
   * most {@value #EXACT_DIGITS} significant digits and a power of ten a double holds exactly (both
   * operands exact, so the one rounding is the correct one), else by FastDoubleParser over the
   * bytes in place, which rounds correctly as well (the same bits as {@code Double.parseDouble},
   * pinned by {@code DoubleParsingPropertiesTest}) and makes no {@link String} on the way.
   */
  double doubleValue() {
    if (significant > EXACT_DIGITS) {
      return slowDouble();
    }
    int power = exponent - scale;
    double value;
    if (mantissa == 0) {
      value = 0;
    } else if (power >= 0 && power < POWERS_OF_TEN.length) {
      value = mantissa * POWERS_OF_TEN[power];
    } else if (power < 0 && -power < POWERS_OF_TEN.length) {
      value = mantissa / POWERS_OF_TEN[-power];
    } else {
      return slowDouble();
    }
    return negative ? -value : value;
  }

  private double slowDouble() {
    // The bytes were scanned as a JSON number already, which is a subset of what the parser takes.
    return JavaDoubleParser.parseDouble(bytes, numberStart, pos - numberStart);
  }
}
