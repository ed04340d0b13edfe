package io.driftway.streamjobs.quarantine;

import io.driftway.streamjobs.backfill.Progress;
import java.util.Locale;

/**
 * What replays did to a quarantine, as their committed bookmarks say, and so the state of each row.
 * A replay bookmarks, per input record it sent, the time it planned ({@code q:<record id>}) and the
 * same under the fingerprint of the pipeline rules it ran with ({@code q:<record id>@<rules>}).
 * Rejections ({@code driftway schema reject}) are bookmarked the same way in a log of their own.
 *
 * <p>The newest row of a record decides; older rows of it are {@link State#SUPERSEDED}:
 *
 * <ul>
 *   <li>{@link State#REJECTED}: rejected after it was quarantined;
 *   <li>{@link State#PENDING}: never replayed, or quarantined again by a replay under other rules
 *       than the current ones (a fix since then deserves another try);
 *   <li>{@link State#REPLAYED}: quarantined before the record's last replay, which wrote it;
 *   <li>{@link State#FAILED_AGAIN}: quarantined again by a replay under the current rules, so
 *       replaying it again would only fail again.
 * </ul>
 *
 * <pre>{@code
 * ReplayLedger ledger = ReplayLedger.of(replayed, rejected);
 * ledger.state(row, true, Replays.rulesFingerprint(pipeline));
 * }</pre>
 */
public final class ReplayLedger {

  /** The state of a quarantine row. */
  public enum State {
    PENDING,
    REPLAYED,
    FAILED_AGAIN,
    SUPERSEDED,
    REJECTED;

    /** How listings write it: {@code pending}, {@code failed-again}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Progress replayed;
  private final Progress rejected;

  private ReplayLedger(Progress replayed, Progress rejected) {
    this.replayed = replayed;
    this.rejected = rejected;
  }

  public static ReplayLedger of(Progress replayed, Progress rejected) {
    return new ReplayLedger(replayed, rejected);
  }

  /** The bookmark key of a record's last replay. */
  public static String recordKey(String recordId) {
    return "q:" + recordId;
  }

  /** The bookmark key of a record's replay under the rules of fingerprint {@code rules}. */
  public static String rulesKey(String recordId, String rules) {
    return "q:" + recordId + "@" + rules;
  }

  /**
   * The state of {@code row}; {@code newest} says whether it is its record's newest row, {@code
   * rules} is the fingerprint of the rules a replay would run with now.
   */
  public State state(QuarantineRow row, boolean newest, String rules) {
    if (!newest) {
      return State.SUPERSEDED;
    }
    long at = row.quarantinedAt().toEpochMilli();
    String rejectedAt = rejected.position(recordKey(row.recordId()));
    if (rejectedAt != null && Long.parseLong(rejectedAt) >= at) {
      return State.REJECTED;
    }
    String last = replayed.position(recordKey(row.recordId()));
    if (last == null) {
      return State.PENDING;
    }
    if (at < Long.parseLong(last)) {
      return State.REPLAYED;
    }
    return replayed.position(rulesKey(row.recordId(), rules)) != null
        ? State.FAILED_AGAIN
        : State.PENDING;
  }
}
