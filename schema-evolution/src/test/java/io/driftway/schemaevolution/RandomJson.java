package io.driftway.schemaevolution;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random JSON records: nested objects and arrays, mixed scalar types at the same key, keys that
 * collide ignoring case, duplicate keys, nulls and empty containers.
 */
public final class RandomJson {

  private static final String[] KEYS = {"a", "b", "id", "Id", "price", "items", "tags", "x"};

  /** Written into JSON as they are: escapes and non-ASCII text included. */
  private static final String[] WORDS = {
    "",
    "n/a",
    "12",
    "2026-01-02",
    "gift",
    "7.5",
    "true",
    "d\u00e9j\u00e0",
    "a\\\"b",
    "\\u00e9t\\u00e9"
  };

  private RandomJson() {}

  /** Random records of up to four levels. */
  public static Arbitrary<String> records() {
    return Arbitraries.randomValue(random -> object(random, 4));
  }

  /** A few records sharing a random seed, so they resemble each other. */
  public static Arbitrary<String[]> batches() {
    return Arbitraries.randomValue(
        random -> {
          String[] batch = new String[2 + random.nextInt(4)];
          long seed = random.nextLong();
          for (int i = 0; i < batch.length; i++) {
            // Mostly the same shape (same seed), sometimes a drifted one.
            Random shape = new Random(random.nextInt(3) == 0 ? random.nextLong() : seed);
            batch[i] = object(shape, 4);
          }
          return batch;
        });
  }

  /** A random object. */
  public static String object(Random random, int depth) {
    StringBuilder out = new StringBuilder("{");
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":");
      value(out, random, depth - 1);
    }
    return out.append('}').toString();
  }

  private static void value(StringBuilder out, Random random, int depth) {
    int pick = random.nextInt(depth > 0 ? 9 : 6);
    switch (pick) {
      case 0 -> out.append(random.nextInt(2000) - 1000);
      case 1 -> out.append(random.nextInt(10000) / 100.0);
      case 2 -> out.append('"').append(WORDS[random.nextInt(WORDS.length)]).append('"');
      case 3 -> out.append(random.nextBoolean());
      case 4 -> out.append("null");
      case 5 -> out.append(random.nextLong());
      case 6, 7 -> out.append(object(random, depth));
      default -> {
        out.append('[');
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          if (i > 0) {
            out.append(',');
          }
          value(out, random, depth - 1);
        }
        out.append(']');
      }
    }
  }
}
