package io.driftway.catalogbridge.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far a job run got, as its engine last reported: Driftway's addition to Glue's {@code JobRun}
 * (served as its {@code Progress} member; Glue has no such field, and Glue clients skip members
 * they do not know). Its one-line form is also the run's {@code StateDetail}, which Glue clients
 * show.
 *
 * <pre>{@code
 * JobRunProgress p = new JobRunProgress(12L, 40L, 35_000L, null, 1L << 20, 4L << 20, 25.0);
 * p.describe(); // "12 of 40 files, 35,000 records read (25%)"
 * }</pre>
 *
 * @param files files read to their end so far, or null when the source has no files
 * @param totalFiles files the run reads, when known up front
 * @param records records read so far (skipped ones included)
 * @param totalRecords records the run reads, when known up front (Kafka ranges, replays)
 * @param bytes bytes read so far, or null when the source has no files
 * @param totalBytes bytes the run reads, when known up front
 * @param percent the share done, 0 to 100, when a total is known
 */
public record JobRunProgress(
    Long files,
    Long totalFiles,
    Long records,
    Long totalRecords,
    Long bytes,
    Long totalBytes,
    Double percent) {

  /** {@code 12 of 40 files, 35,000 records read (25%)}; {@code 20 of 40 records read (50%)}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (totalFiles != null) {
      parts.add(count(files) + " of " + count(totalFiles) + " files");
    } else if (files != null && files > 0) {
      parts.add(count(files) + " files");
    }
    parts.add(
        totalRecords != null
            ? count(records) + " of " + count(totalRecords) + " records read"
            : count(records) + " records read");
    String text = String.join(", ", parts);
    return percent == null
        ? text
        : text + String.format(Locale.ROOT, " (%d%%)", (long) Math.floor(percent));
  }

  private static String count(Long value) {
    return String.format(Locale.ROOT, "%,d", value == null ? 0 : value);
  }
}
