package io.driftway.connectors.freshness;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One table's freshness, decided from persistent facts only: the newest snapshot the catalog holds
 * (id and commit time) and the newest input seen for the table. Not thread-safe; the {@link
 * FreshnessCoordinator} calls it from its one thread.
 *
 * <p>Input is <em>pending</em> when a row reached the table's writer after its newest commit. The
 * SLO is breached when input is pending and neither the newest commit nor the first input after it
 * is within the SLO (so input that resumes after an idle spell gets one SLO to be committed). The
 * breach is tied to the snapshot that went stale: its alerts carry that snapshot's id, so deciding
 * again after a restart gives the same alert. It recovers once a newer snapshot is within the SLO,
 * or nothing is pending any more.
 */
final class FreshnessWatch {
  /** Snapshot id used in alert ids while the table has no snapshot at all. */
  static final long NO_SNAPSHOT = -1L;

  private final String pipeline;
  private final String table;
  private final Duration slo;

  private Long lastInput;
  private Long firstPending;
  private long newestSnapshot = NO_SNAPSHOT;
  private Long newestCommit;
  private boolean known;
  private long breachedSnapshot = NO_SNAPSHOT;
  private Long breachedSince;

  FreshnessWatch(String pipeline, String table, Duration slo) {
    this.pipeline = pipeline;
    this.table = table;
    this.slo = slo;
  }

  /** Rows reached the table's writer at {@code atMillis}. */
  void input(long atMillis) {
    if (!pending()) {
      firstPending = atMillis;
    }
    if (lastInput == null || atMillis > lastInput) {
      lastInput = atMillis;
    }
  }

  /** The catalog's current snapshot of the table; null id when the table has none (yet). */
  void newest(Long snapshotId, Long commitMillis) {
    known = true;
    boolean moved =
        snapshotId == null ? newestSnapshot != NO_SNAPSHOT : snapshotId != newestSnapshot;
    newestSnapshot = snapshotId == null ? NO_SNAPSHOT : snapshotId;
    newestCommit = commitMillis;
    if (moved && lastInput != null && commitMillis != null && lastInput > commitMillis) {
      // Rows seen after this commit are still pending; the first of them is unknown, and the
      // commit time is the fair lower bound.
      firstPending = commitMillis;
    }
  }

  /** The newest commit time read from the catalog, null while unknown or when there is none. */
  Long newestCommit() {
    return newestCommit;
  }

  boolean breached() {
    return breachedSince != null;
  }

  Duration slo() {
    return slo;
  }

  private boolean pending() {
    return lastInput != null && (newestCommit == null || lastInput > newestCommit);
  }

  /** The alert this moment calls for, if any; {@code now} in epoch milliseconds. */
  Optional<FreshnessAlert> decide(long now) {
    if (slo == null || !known) {
      return Optional.empty();
    }
    long limit = slo.toMillis();
    if (breachedSince == null) {
      if (!pending()) {
        return Optional.empty();
      }
      long reference =
          Math.max(
              newestCommit == null ? Long.MIN_VALUE : newestCommit,
              firstPending == null ? Long.MIN_VALUE : firstPending);
      if (now - reference <= limit) {
        return Optional.empty();
      }
      breachedSnapshot = newestSnapshot;
      breachedSince = reference + limit;
      return Optional.of(alert(FreshnessAlert.Kind.BREACHED, now));
    }
    boolean newer = newestSnapshot != breachedSnapshot;
    if (newer && newestCommit != null && (now - newestCommit <= limit || !pending())) {
      FreshnessAlert recovered = alert(FreshnessAlert.Kind.RECOVERED, now);
      breachedSince = null;
      breachedSnapshot = NO_SNAPSHOT;
      return Optional.of(recovered);
    }
    return Optional.empty();
  }

  private FreshnessAlert alert(FreshnessAlert.Kind kind, long now) {
    return FreshnessAlert.of(
        pipeline,
        table,
        kind,
        slo,
        breachedSnapshot,
        instant(newestCommit),
        instant(lastInput),
        Instant.ofEpochMilli(breachedSince),
        Instant.ofEpochMilli(now));
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  /** Writes what a coordinator started again needs: input seen and the open breach. */
  void write(DataOutputStream out) throws IOException {
    writeNullable(out, lastInput);
    writeNullable(out, firstPending);
    out.writeLong(breachedSnapshot);
    writeNullable(out, breachedSince);
  }

  void read(DataInputStream in) throws IOException {
    lastInput = readNullable(in);
    firstPending = readNullable(in);
    breachedSnapshot = in.readLong();
    breachedSince = readNullable(in);
  }

  private static void writeNullable(DataOutputStream out, Long value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeLong(value);
    }
  }

  private static Long readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }
}
