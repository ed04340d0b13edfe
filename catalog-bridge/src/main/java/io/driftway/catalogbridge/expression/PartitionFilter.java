package io.driftway.catalogbridge.expression;

import io.driftway.catalogbridge.model.Column;
import java.util.List;

/**
 * A compiled GetPartitions {@code Expression}: decides whether a partition, given its values in
 * partition-key order, is returned.
 *
 * <pre>{@code
 * PartitionFilter filter = PartitionFilter.compile(
 *     "year = '2024' AND month IN ('01', '02')", table.partitionKeys());
 * boolean keep = filter.matches(List.of("2024", "01"));
 * }</pre>
 */
public interface PartitionFilter {

  /** True when a partition with these values (in partition-key order) satisfies the filter. */
  boolean matches(List<String> values);

  /** The filter that keeps every partition (no expression). */
  static PartitionFilter all() {
    return values -> true;
  }

  /**
   * Parses and types {@code expression} against the table's partition keys: comparisons use the
   * key's type ({@code string}, {@code int}, {@code bigint}, {@code tinyint}, {@code smallint},
   * {@code long}, {@code decimal}, {@code date}, {@code timestamp}).
   *
   * @throws io.driftway.catalogbridge.model.GlueException InvalidInputException when the expression
   *     does not parse, names an unknown key, uses a key of an unsupported type, or has a literal
   *     that is not of the key's type
   */
  static PartitionFilter compile(String expression, List<Column> partitionKeys) {
    if (expression == null || expression.isBlank()) {
      return all();
    }
    Expr parsed = new Parser(expression).parse();
    return new Binder(partitionKeys).bind(parsed);
  }
}
