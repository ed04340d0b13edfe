package io.driftway.schemaevolution.infer;

import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.SchemaHints;
import io.driftway.schemaevolution.policy.TablePolicy;
import java.util.Objects;

/**
 * How records are read into dynamic records.
 *
 * @param hints types declared for paths, applied before inference
 * @param limits record limits checked while reading (size, nesting, fields per object)
 * @param inferTimestamps read ISO-8601 strings as {@code date}, {@code timestamp} or {@code
 *     timestamptz} everywhere, not only where hinted, and JSON integers of epoch milliseconds in
 *     fields named like a point in time as {@code timestamptz} ({@code EpochMillis}); default
 *     false: a JSON string is a string, an integer a long
 */
public record InferenceOptions(SchemaHints hints, Limits limits, boolean inferTimestamps) {

  private static final InferenceOptions DEFAULTS =
      new InferenceOptions(SchemaHints.none(), Limits.defaults(), false);

  /** Validates the parts. */
  public InferenceOptions {
    Objects.requireNonNull(hints, "hints");
    Objects.requireNonNull(limits, "limits");
  }

  /** No hints, default limits, strings stay strings. */
  public static InferenceOptions defaults() {
    return DEFAULTS;
  }

  /** The hints and limits of a table. */
  public static InferenceOptions forTable(TablePolicy policy) {
    return new InferenceOptions(policy.hints(), policy.limits(), false);
  }

  /** These options with timestamp inference on or off. */
  public InferenceOptions withInferTimestamps(boolean enabled) {
    return new InferenceOptions(hints, limits, enabled);
  }

  /** These options with other hints. */
  public InferenceOptions withHints(SchemaHints newHints) {
    return new InferenceOptions(newHints, limits, inferTimestamps);
  }

  /** These options with other limits. */
  public InferenceOptions withLimits(Limits newLimits) {
    return new InferenceOptions(hints, newLimits, inferTimestamps);
  }
}
