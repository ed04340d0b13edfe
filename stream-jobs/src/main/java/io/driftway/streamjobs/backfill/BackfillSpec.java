package io.driftway.streamjobs.backfill;

import io.driftway.streamjobs.quarantine.QuarantineSelection;
import io.driftway.streamjobs.quarantine.Replays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One backfill request (Glue's job run arguments): what to read, which range, where to write, and
 * how to check the result. The pipeline file it runs with gives the tables, policies, catalog and
 * warehouse.
 *
 * <pre>{@code
 * BackfillSpec spec =
 *     BackfillSpec.builder("kafka://orders")
 *         .from("2026-11-01T00:00:00Z")
 *         .to("2026-11-02T00:00:00Z")
 *         .table("sales.orders")
 *         .build();
 * }</pre>
 *
 * @param source {@code s3://bucket/prefix}, {@code file:/folder}, {@code kafka://topic} (or {@code
 *     kafka://host:port/topic}), {@code kinesis://stream}, {@code quarantine://database.table} (a
 *     replay of that table's quarantine rows)
 * @param from start of the range: Kafka {@code earliest}, an offset, {@code partition:offset,...}
 *     or an ISO instant; Kinesis {@code trim-horizon} or an ISO instant; files: unused
 * @param to end of the range, exclusive: Kafka {@code latest}, an offset, {@code
 *     partition:offset,...} or an ISO instant; Kinesis {@code now} or an ISO instant
 * @param table {@code database.table} (or {@code table}): every record goes there, whatever the
 *     pipeline's routing says
 * @param groupSizeBytes files are grouped into splits of about this size
 * @param branch write to this Iceberg branch, validate, then publish it to {@code main}
 * @param maxQuarantineRate with a branch: the largest share of quarantined records that still
 *     publishes
 * @param expectedRows with a branch: the number of rows the run must write to publish
 * @param bookmarks whether to skip what earlier runs committed (Glue's job-bookmark-enable)
 * @param runId this run's id, stamped on every snapshot it commits
 * @param quarantine with a {@code quarantine://database.table} source: which rows to replay
 */
public record BackfillSpec(
    String source,
    Optional<String> from,
    Optional<String> to,
    Optional<String> table,
    long groupSizeBytes,
    Optional<String> branch,
    Optional<Double> maxQuarantineRate,
    Optional<Long> expectedRows,
    boolean bookmarks,
    String runId,
    Optional<QuarantineSelection> quarantine) {

  /** 64 MiB, the default split group size. */
  public static final long DEFAULT_GROUP_SIZE = 64L * 1024 * 1024;

  public BackfillSpec {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(runId, "runId");
  }

  public static Builder builder(String source) {
    return new Builder(source);
  }

  /**
   * A size as people write it: {@code 64MB}, {@code 512KB}, {@code 1GB} (powers of 1024), or bytes.
   *
   * @throws IllegalArgumentException naming the value
   */
  public static long parseSize(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
    long factor = 1;
    if (t.endsWith("GB") || t.endsWith("G")) {
      factor = 1L << 30;
    } else if (t.endsWith("MB") || t.endsWith("M")) {
      factor = 1L << 20;
    } else if (t.endsWith("KB") || t.endsWith("K")) {
      factor = 1L << 10;
    }
    String digits = t.replaceAll("[A-Z]+$", "").trim();
    try {
      return Math.multiplyExact(Long.parseLong(digits), factor);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "Cannot plan backfill: --group-size is a size such as 64MB, 512KB or 1GB: " + text, e);
    }
  }

  /** A copy-builder: the same request, to change a part. */
  public Builder toBuilder() {
    Builder b = new Builder(source);
    b.from = from.orElse(null);
    b.to = to.orElse(null);
    b.table = table.orElse(null);
    b.groupSizeBytes = groupSizeBytes;
    b.branch = branch.orElse(null);
    b.maxQuarantineRate = maxQuarantineRate.orElse(null);
    b.expectedRows = expectedRows.orElse(null);
    b.bookmarks = bookmarks;
    b.runId = runId;
    b.quarantine = quarantine.orElse(null);
    return b;
  }

  /** Collects a request; {@link #build()} checks it. */
  public static final class Builder {
    private final String source;
    private String from;
    private String to;
    private String table;
    private long groupSizeBytes = DEFAULT_GROUP_SIZE;
    private String branch;
    private Double maxQuarantineRate;
    private Long expectedRows;
    private boolean bookmarks = true;
    private String runId;
    private QuarantineSelection quarantine;

    private Builder(String source) {
      this.source = source;
    }

    public Builder from(String value) {
      this.from = blankToNull(value);
      return this;
    }

    public Builder to(String value) {
      this.to = blankToNull(value);
      return this;
    }

    public Builder table(String value) {
      this.table = blankToNull(value);
      return this;
    }

    public Builder groupSizeBytes(long value) {
      this.groupSizeBytes = value;
      return this;
    }

    public Builder branch(String value) {
      this.branch = blankToNull(value);
      return this;
    }

    public Builder maxQuarantineRate(Double value) {
      this.maxQuarantineRate = value;
      return this;
    }

    public Builder expectedRows(Long value) {
      this.expectedRows = value;
      return this;
    }

    public Builder bookmarks(boolean value) {
      this.bookmarks = value;
      return this;
    }

    public Builder runId(String value) {
      this.runId = blankToNull(value);
      return this;
    }

    /** With a {@code quarantine://} source: which rows to replay (default: every pending row). */
    public Builder quarantine(QuarantineSelection value) {
      this.quarantine = value;
      return this;
    }

    public BackfillSpec build() {
      if (source == null || source.isBlank()) {
        throw new IllegalArgumentException(
            "Cannot plan backfill: no source given: '" + source + "'");
      }
      SourceRange.Kind kind = SourceRange.kindOf(source);
      if (kind == SourceRange.Kind.QUARANTINE) {
        Replays.target(source);
        if (branch != null || from != null || to != null) {
          throw new IllegalArgumentException(
              "Cannot plan replay: a quarantine replay takes no --branch, --from or --to (select"
                  + " rows with --stage, --reason-like, --since): "
                  + source);
        }
        if (!bookmarks) {
          throw new IllegalArgumentException(
              "Cannot plan replay: a quarantine replay always keeps its bookmark, so no row is"
                  + " replayed twice: "
                  + source);
        }
      } else if (quarantine != null) {
        throw new IllegalArgumentException(
            "Cannot plan backfill: --stage, --reason-like and --since select quarantine rows; the"
                + " source is not quarantine://: "
                + source);
      }
      if (groupSizeBytes <= 0) {
        throw new IllegalArgumentException(
            "Cannot plan backfill: the group size must be positive: " + groupSizeBytes);
      }
      if (maxQuarantineRate != null && (maxQuarantineRate < 0 || maxQuarantineRate > 1)) {
        throw new IllegalArgumentException(
            "Cannot plan backfill: --max-quarantine-rate must be between 0 and 1: "
                + maxQuarantineRate);
      }
      if (branch == null && (maxQuarantineRate != null || expectedRows != null)) {
        throw new IllegalArgumentException(
            "Cannot plan backfill: validation (--max-quarantine-rate, --expected-rows) needs"
                + " --branch, the rows are checked there before main sees them: "
                + (maxQuarantineRate != null ? "--max-quarantine-rate" : "--expected-rows"));
      }
      if (branch != null && branch.equals("main")) {
        throw new IllegalArgumentException(
            "Cannot plan backfill: --branch must not be main, main is where it gets published: "
                + branch);
      }
      String id =
          runId != null
              ? runId
              : (kind == SourceRange.Kind.QUARANTINE ? "rp-" : "br-")
                  + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      if (!id.matches("[A-Za-z0-9_.-]{1,128}")) {
        throw new IllegalArgumentException(
            "Cannot plan backfill: a run id is letters, digits, '.', '_' and '-': " + id);
      }
      return new BackfillSpec(
          source,
          Optional.ofNullable(from),
          Optional.ofNullable(to),
          Optional.ofNullable(table).map(t -> t.toLowerCase(Locale.ROOT)),
          groupSizeBytes,
          Optional.ofNullable(branch),
          Optional.ofNullable(maxQuarantineRate),
          Optional.ofNullable(expectedRows),
          bookmarks,
          id,
          kind == SourceRange.Kind.QUARANTINE
              ? Optional.of(quarantine == null ? QuarantineSelection.all() : quarantine)
              : Optional.empty());
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value.trim();
    }
  }
}
