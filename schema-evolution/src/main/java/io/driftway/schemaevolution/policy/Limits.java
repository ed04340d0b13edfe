package io.driftway.schemaevolution.policy;

/**
 * The bounds a table puts on records and on its own schema. A record over a record limit is
 * quarantined with a reason that names the limit; the explosion guard keeps a struct that keeps
 * growing keys from growing columns without end.
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
 * @param mapThreshold {@code map-threshold}: the explosion guard (default 500, 0 turns it off). A
 *     nested struct not yet in the table with more keys than this becomes a {@code map<string, T>}
 *     column. A struct column already in the table keeps its type (Iceberg cannot turn a struct
 *     into a map): when its columns would pass this many, it keeps them and its new keys go to a
 *     {@code map<string, T>} field named {@value #OVERFLOW_FIELD} inside it, from then on.
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

  /**
   * The field of a struct column, added by the explosion guard, that holds its keys beyond {@link
   * #mapThreshold()} as a {@code map<string, T>}; a record key of that name inside such a struct is
   * one of those keys.
   */
  public static final String OVERFLOW_FIELD = "_extra_keys";

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
