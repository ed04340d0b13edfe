package io.driftway.schemaevolution.fastpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.schemaevolution.RandomSchemas;
import io.driftway.schemaevolution.SchemaTracker;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.infer.RecordInferrer;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.SchemaHints;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The fast path scans bytes itself; Jackson's streaming parser, through the same plans ({@link
 * JacksonJsonReader}), is its oracle. On random records of a few shapes, written with random
 * whitespace, escapes, non-ASCII text and numbers at the edges of their types, and tables made from
 * them or drawn at random, with random hints and limits, both readers give the same answer: the
 * same row, or both decline. On records with a byte changed, cut short or doubled (invalid UTF-8,
 * stray bytes), the byte reader declines or gives Jackson's row.
 */
class ByteScanningPropertiesTest {

  private static final String[] KEYS = {
    "a",
    "b",
    "id",
    "Id",
    "price",
    "items",
    "tags",
    "x",
    "d\u00e9j\u00e0",
    "\u00c9t\u00e9",
    "customer_email",
    "customer_Email",
    "shipping_address_line"
  };

  /** The same names as JSON escapes spell them. */
  private static final String[] ESCAPED_KEYS = {"\\u0061", "i\\u0064", "d\\u00e9j\\u00e0"};

  /** String bodies as they appear between quotes: escapes, unicode, emoji, lone surrogates. */
  private static final String[] STRINGS = {
    "",
    "gift",
    "n/a",
    "12",
    "7.5",
    "true",
    "2026-01-02",
    "2026-01-02T03:04:05Z",
    "12:30:00",
    "0f8fad5b-d9cb-469f-a165-70867728950e",
    "d\u00e9j\u00e0 vu",
    "\u65e5\u672c\u8a9e",
    "\ud83d\ude42 ok",
    "a\\\"b",
    "back\\\\slash\\/",
    "\\u00e9t\\u00e9",
    "\\ud83d\\ude42",
    "\\ud800 lone",
    "tab\\tnew\\nline\\r\\b\\f",
    "please leave it at the door, please",
    "a longer text with an escape \\\" after twenty-nine bytes",
    "a longer text with a non-ASCII letter after thirty-six: \u00e9!",
    "\u007f"
  };

  /** Numbers at the edges of long and double, and ordinary ones. */
  private static final String[] NUMBERS = {
    "0",
    "-0",
    "-0.0",
    "0.0",
    "1",
    "-1",
    "12.30",
    "1e308",
    "1.7976931348623157e308",
    "4.9e-324",
    "2.2250738585072014E-308",
    "1e309",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "-9223372036854775809",
    "9007199254740992",
    "9007199254740993",
    "-9007199254740993",
    "123456789012345678901234567890",
    "1234567890123456789012345678901234567890",
    "3.141592653589793238462643383279",
    "0.1",
    "0.30000000000000004",
    "1E2",
    "1e+2",
    "1.5E-7",
    "100000000000000000000000",
    "1e22",
    "1e23",
    "123456789012345e-22",
    "1234567890123456e3",
    "0.000001234",
    "5e-324",
    "2e-324"
  };

  private static final String[] HINTS = {
    "price: decimal(9,2)",
    "price: double",
    "id: string",
    "id: long",
    "a: timestamptz",
    "b: date",
    "x: float",
    "tags: array<string>",
    "items: map<string,double>",
    "a: int"
  };

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @Property(tries = 400)
  void readsExactlyAsTheJacksonReaderDoes(@ForAll("seeds") long seed) {
    Random random = new Random(seed);
    Case c = Case.random(random);
    for (String json : c.records) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      Row expected = c.oracle.read(bytes);
      Row actual = c.reader.read(bytes);
      Statistics.label("fast path").collect(actual == null ? "declined" : "accepted");
      assertThat(actual).as("row of %s in %s", json, c.table).isEqualTo(expected);
    }
  }

  @Property(tries = 400)
  void declinesOrReadsAsJacksonDoesWhenTheBytesAreDamaged(@ForAll("seeds") long seed) {
    Random random = new Random(seed);
    Case c = Case.random(random);
    for (String json : c.records) {
      byte[] bytes = damage(json.getBytes(StandardCharsets.UTF_8), random);
      Row expected = c.oracle.read(bytes);
      Row actual = c.reader.read(bytes);
      Statistics.label("fast path").collect(actual == null ? "declined" : "accepted");
      if (actual != null) {
        assertThat(actual).as("row of %s", hex(bytes)).isEqualTo(expected);
      }
    }
  }

  /** One table, compiled both ways, and records mostly of its shape. */
  private record Case(
      List<String> records, StructType table, JsonRowReader reader, JsonRowReader oracle) {

    static Case random(Random random) {
      TablePolicy.Builder policy = TablePolicy.builder();
      if (random.nextBoolean()) {
        policy.hints(SchemaHints.parse(HINTS[random.nextInt(HINTS.length)]));
      }
      Limits limits = Limits.defaults();
      if (random.nextInt(4) == 0) {
        limits = limits.withMaxNestingDepth(1 + random.nextInt(4));
      }
      if (random.nextInt(4) == 0) {
        limits = limits.withMaxFieldsPerStruct(1 + random.nextInt(4));
      }
      TablePolicy built = policy.limits(limits).build();
      InferenceOptions options =
          InferenceOptions.forTable(built).withInferTimestamps(random.nextInt(4) == 0);
      RecordInferrer<byte[]> inferrer = Inferrers.json(options);
      String[] records = new String[2 + random.nextInt(5)];
      long shape = random.nextLong();
      for (int i = 0; i < records.length; i++) {
        // Mostly one producer's shape (the same seed), sometimes another.
        Random writer = new Random(random.nextInt(4) == 0 ? random.nextLong() : shape);
        records[i] = object(writer, random, 3);
      }
      SchemaTracker tracker = SchemaTracker.create(built, StructType.empty());
      for (String json : records) {
        try {
          tracker.track(
              inferrer.infer(json.getBytes(StandardCharsets.UTF_8), SourceCoordinates.unknown()));
        } catch (RecordRejectedException e) {
          // Over a limit or malformed: the readers must decline it (checked by the property).
        }
      }
      // Mostly the table the records made; sometimes a random one (types, nesting, required
      // fields and names that differ in case), which most records will not fit.
      StructType table =
          random.nextInt(4) == 0 ? RandomSchemas.struct(random, 3, true) : tracker.tableSchema();
      return new Case(
          List.of(records),
          table,
          FastPath.json(table, built, options),
          new JacksonJsonReader(table, built, options));
    }
  }

  /**
   * A random object: names, values and nesting drawn from {@code shape} (so records of one producer
   * look alike), whitespace and spellings (escaped names, number forms) from {@code noise}.
   */
  private static String object(Random shape, Random noise, int depth) {
    StringBuilder out = new StringBuilder();
    space(out, noise);
    out.append('{');
    int size = shape.nextInt(6);
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        out.append(',');
      }
      space(out, noise);
      out.append('"');
      if (noise.nextInt(12) == 0) {
        out.append(ESCAPED_KEYS[noise.nextInt(ESCAPED_KEYS.length)]);
      } else {
        out.append(KEYS[shape.nextInt(KEYS.length)]);
      }
      out.append('"');
      space(out, noise);
      out.append(':');
      space(out, noise);
      value(out, shape, noise, depth - 1);
      space(out, noise);
    }
    out.append('}');
    space(out, noise);
    return out.toString();
  }

  private static void value(StringBuilder out, Random shape, Random noise, int depth) {
    int pick = shape.nextInt(depth > 0 ? 10 : 7);
    switch (pick) {
      case 0 -> out.append(shape.nextInt(2000) - 1000);
      case 1 -> out.append(noise.nextBoolean() ? shape.nextDouble() * 1000 : shape.nextLong());
      case 2 -> out.append(NUMBERS[noise.nextInt(NUMBERS.length)]);
      case 3 -> out.append('"').append(STRINGS[noise.nextInt(STRINGS.length)]).append('"');
      case 4 -> out.append(noise.nextBoolean());
      case 5 -> out.append("null");
      case 6 -> out.append(shape.nextInt(100) / 10.0);
      case 7, 8 -> out.append(object(shape, noise, depth));
      default -> {
        out.append('[');
        int size = shape.nextInt(4);
        for (int i = 0; i < size; i++) {
          if (i > 0) {
            out.append(',');
          }
          space(out, noise);
          value(out, shape, noise, depth - 1);
          space(out, noise);
        }
        out.append(']');
      }
    }
  }

  private static void space(StringBuilder out, Random noise) {
    if (noise.nextInt(4) == 0) {
      out.append(new String[] {" ", "  ", "\n", "\t", "\r\n"}[noise.nextInt(5)]);
    }
  }

  /** The bytes with one byte changed, removed, doubled, or the end cut off. */
  private static byte[] damage(byte[] bytes, Random random) {
    if (bytes.length == 0) {
      return bytes;
    }
    int at = random.nextInt(bytes.length);
    byte[] out;
    switch (random.nextInt(4)) {
      case 0 -> {
        out = bytes.clone();
        byte[] picks = {
          0,
          '"',
          '\\',
          ',',
          ':',
          '}',
          ']',
          '-',
          '.',
          'e',
          '0',
          (byte) 0x80,
          (byte) 0xC3,
          (byte) 0xE2,
          (byte) 0xED,
          (byte) 0xF0,
          (byte) 0xF5,
          (byte) 0xFF
        };
        out[at] =
            random.nextBoolean() ? picks[random.nextInt(picks.length)] : (byte) random.nextInt();
      }
      case 1 -> {
        out = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
      }
      case 2 -> {
        out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, at + 1);
        System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
      }
      default -> out = Arrays.copyOf(bytes, at);
    }
    return out;
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(b >= 0x20 && b < 0x7f ? Character.toString(b) : String.format("\\x%02x", b));
    }
    return out.toString();
  }
}
