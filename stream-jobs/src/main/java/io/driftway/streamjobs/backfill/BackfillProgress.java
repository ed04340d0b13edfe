package io.driftway.streamjobs.backfill;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A progress reading of a running backfill, from the job's Flink REST metrics.
 *
 * @param state Flink's job state (RUNNING, FINISHED, ...)
 * @param records records read so far (skipped ones included)
 * @param totalRecords records the run reads, when known up front
 * @param elapsed time since the job started
 */
public record BackfillProgress(
    String state,
    long files,
    OptionalLong totalFiles,
    long bytes,
    OptionalLong totalBytes,
    long records,
    OptionalLong totalRecords,
    Duration elapsed) {

  /** Records per second so far. */
  public double recordsPerSecond() {
    long millis = Math.max(1, elapsed.toMillis());
    return records * 1000.0 / millis;
  }

  /** The share done, 0 to 1, by bytes, records or files, whichever total is known. */
  public OptionalDouble fraction() {
    if (totalBytes.isPresent() && totalBytes.getAsLong() > 0) {
      return OptionalDouble.of(Math.min(1.0, (double) bytes / totalBytes.getAsLong()));
    }
    if (totalRecords.isPresent() && totalRecords.getAsLong() > 0) {
      return OptionalDouble.of(Math.min(1.0, (double) records / totalRecords.getAsLong()));
    }
    if (totalFiles.isPresent() && totalFiles.getAsLong() > 0) {
      return OptionalDouble.of(Math.min(1.0, (double) files / totalFiles.getAsLong()));
    }
    return OptionalDouble.empty();
  }

  /** Time left at the rate so far, when a total is known and some work is done. */
  public Optional<Duration> eta() {
    OptionalDouble done = fraction();
    if (done.isEmpty() || done.getAsDouble() <= 0) {
      return Optional.empty();
    }
    double f = done.getAsDouble();
    return Optional.of(Duration.ofMillis((long) (elapsed.toMillis() * (1 - f) / f)));
  }

  /**
   * The reading of the same run once it succeeded: everything it planned is read, so each count
   * with a known total is that total, and the records at least {@code recordsWritten} (rows and
   * quarantine rows the run committed). The last reading of a running job lags its end by up to a
   * metrics refresh, so without this a finished run would show, say, 20 of 40 records read.
   */
  public BackfillProgress finished(long recordsWritten) {
    return new BackfillProgress(
        "FINISHED",
        totalFiles.orElse(files),
        totalFiles,
        totalBytes.orElse(bytes),
        totalBytes,
        totalRecords.orElse(Math.max(records, recordsWritten)),
        totalRecords,
        elapsed);
  }
}
