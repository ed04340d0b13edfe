package io.driftway.schemaevolution.policy;

/**
 * The bounds a table puts on records and on its own schema. A record over a record limit is
 * quarantined with a reason that names the limit; the explosion guard turns a struct that keeps
 * growing keys into a map.
 *
 * <pre>{@code
 * Limits limits = Limits.defaults().withMaxNestingDepth(16).withMapThreshold(100);
 * }</pre>
 *
 * @param maxRecordBytes {@code max-record-bytes}: the largest encoded record accepted (default 4
 *     MiB)
 * @param maxNestingDepth {@code max-nesting-depth}: how deep objects and arrays may nest (default
 *     32; the record itself is depth 1)
 * @param maxFieldsPerStruct {@code max-fields-per-struct}: the most fields one object of one record
 *     may have (default 10,000)
 * @param mapThreshold {@code map-threshold}: the explosion guard; a nested struct whose table
 *     column would hold more fields than this becomes {@code map<string, T>} (default 500, 0 turns
 *     the guard off)
 */
public record Limits(
    long maxRecordBytes, int maxNestingDepth, int maxFieldsPerStruct, int mapThreshold) {

  /** The name of the record size limit, as used in quarantine reasons. */
  public static final String MAX_RECORD_BYTES = "max-record-bytes";

  /** The name of the nesting limit, as used in quarantine reasons. */
  public static final String MAX_NESTING_DEPTH = "max-nesting-depth";

  /** The name of the fields-per-struct limit, as used in quarantine reasons. */
  public static final String MAX_FIELDS_PER_STRUCT = "max-fields-per-struct";

  /** The name of the explosion guard threshold. */
  public static final String MAP_THRESHOLD = "map-threshold";

  private static final Limits DEFAULTS = new Limits(4L << 20, 32, 10_000, 500);

  /** Validates the bounds. */
  public Limits {
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException(
          "Cannot set limits: " + MAX_RECORD_BYTES + " must be positive: " + maxRecordBytes);
    }
    if (maxNestingDepth < 1) {
      throw new IllegalArgumentException(
          "Cannot set limits: " + MAX_NESTING_DEPTH + " must be positive: " + maxNestingDepth);
    }
    if (maxFieldsPerStruct < 1) {
      throw new IllegalArgumentException(
          "Cannot set limits: "
              + MAX_FIELDS_PER_STRUCT
              + " must be positive: "
              + maxFieldsPerStruct);
    }
    if (mapThreshold < 0) {
      throw new IllegalArgumentException(
          "Cannot set limits: " + MAP_THRESHOLD + " must be 0 (off) or positive: " + mapThreshold);
    }
  }

  /** The default limits. */
  public static Limits defaults() {
    return DEFAULTS;
  }

  /** These limits with another record size bound. */
  public Limits withMaxRecordBytes(long bytes) {
    return new Limits(bytes, maxNestingDepth, maxFieldsPerStruct, mapThreshold);
  }

  /** These limits with another nesting bound. */
  public Limits withMaxNestingDepth(int depth) {
    return new Limits(maxRecordBytes, depth, maxFieldsPerStruct, mapThreshold);
  }

  /** These limits with another fields-per-struct bound. */
  public Limits withMaxFieldsPerStruct(int fields) {
    return new Limits(maxRecordBytes, maxNestingDepth, fields, mapThreshold);
  }

  /** These limits with another explosion guard threshold (0 turns it off). */
  public Limits withMapThreshold(int threshold) {
    return new Limits(maxRecordBytes, maxNestingDepth, maxFieldsPerStruct, threshold);
  }
}
