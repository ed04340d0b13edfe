package io.driftway.streamjobs.crawl;

import java.math.BigInteger;
import java.util.Collection;

/**
 * The Hive type of a partition key from the folder values seen for it. AWS Glue's crawler types a
 * partition key {@code string} unless its values are all numbers; Driftway narrows that to integers
 * only: a key is {@code int} when every value is a plain integer that fits an {@code int}, {@code
 * bigint} when they all fit a {@code bigint}, else {@code string}. A value with a leading zero
 * ({@code month=01}) or a sign keeps the key a {@code string}, because an integer would not give
 * the folder name back. Glue's partition expressions compare quoted literals with the key's type,
 * so {@code year='2024'} filters an {@code int} key too.
 */
final class PartitionKeyTypes {

  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private PartitionKeyTypes() {}

  /** {@code int}, {@code bigint} or {@code string}. */
  static String typeOf(Collection<String> values) {
    if (values.isEmpty()) {
      return "string";
    }
    BigInteger max = BigInteger.ZERO;
    for (String value : values) {
      if (!isPlainInteger(value)) {
        return "string";
      }
      BigInteger number = new BigInteger(value);
      max = number.max(max);
    }
    if (max.compareTo(INT_MAX) <= 0) {
      return "int";
    }
    return max.compareTo(LONG_MAX) <= 0 ? "bigint" : "string";
  }

  private static boolean isPlainInteger(String value) {
    if (value.isEmpty() || value.length() > 19) {
      return false;
    }
    if (value.length() > 1 && value.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
