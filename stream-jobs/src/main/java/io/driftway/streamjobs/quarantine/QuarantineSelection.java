package io.driftway.streamjobs.quarantine;

import io.driftway.connectors.quarantine.HeldReason;
import io.driftway.connectors.quarantine.Stage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which quarantine rows a command looks at: by stage, by a pattern on the reason, by time, and (for
 * approvals) by the held field they wait for. Every part is optional.
 *
 * <pre>{@code
 * QuarantineSelection s = QuarantineSelection.of("track", "%max-record-bytes%", "2026-12-01T00:00:00Z");
 * }</pre>
 *
 * @param stage one of {@link Stage#labels()}, or null for every stage
 * @param reasonLike a SQL LIKE pattern ({@code %} any text, {@code _} one character) matched
 *     anywhere in the reason, ignoring case; or null
 * @param since only rows quarantined at or after this instant; or null
 * @param heldPath only held rows waiting for this field or one below it; or null
 * @param recordsPerSecond a replay sends at most this many records a second; 0 for no limit
 */
public record QuarantineSelection(
    String stage, String reasonLike, Instant since, String heldPath, double recordsPerSecond) {

  public QuarantineSelection {
    if (stage != null && !Stage.labels().contains(stage.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "Cannot select quarantine rows: --stage is one of "
              + String.join(", ", Stage.labels())
              + ": "
              + stage);
    }
    stage = stage == null ? null : stage.toLowerCase(Locale.ROOT);
    if (recordsPerSecond < 0) {
      throw new IllegalArgumentException(
          "Cannot select quarantine rows: the rate must not be negative: " + recordsPerSecond);
    }
  }

  /** Every row. */
  public static QuarantineSelection all() {
    return new QuarantineSelection(null, null, null, null, 0);
  }

  /** A selection as the command line gives it; {@code since} is an ISO instant or null. */
  public static QuarantineSelection of(String stage, String reasonLike, String since) {
    return new QuarantineSelection(blank(stage), blank(reasonLike), instant(since), null, 0);
  }

  /** This selection limited to held rows waiting for {@code path} (or any field when null). */
  public QuarantineSelection held(String path) {
    return new QuarantineSelection(Stage.HELD.label(), reasonLike, since, path, recordsPerSecond);
  }

  /** This selection replayed at most {@code perSecond} records a second (0: no limit). */
  public QuarantineSelection rate(double perSecond) {
    return new QuarantineSelection(stage, reasonLike, since, heldPath, perSecond);
  }

  /** Whether {@code row} is selected. */
  public boolean matches(QuarantineRow row) {
    if (stage != null && !stage.equals(row.stage())) {
      return false;
    }
    if (since != null && row.quarantinedAt().isBefore(since)) {
      return false;
    }
    if (reasonLike != null && !like(reasonLike).matcher(row.reason()).find()) {
      return false;
    }
    if (heldPath != null) {
      String path =
          heldPath.endsWith("/") ? heldPath.substring(0, heldPath.length() - 1) : heldPath;
      boolean waits = false;
      for (String held : HeldReason.paths(row.reason())) {
        if (held.equalsIgnoreCase(path)
            || held.toLowerCase(Locale.ROOT).startsWith(path.toLowerCase(Locale.ROOT) + "/")) {
          waits = true;
        }
      }
      return waits;
    }
    return true;
  }

  /**
   * A few words for a summary: {@code stage track, reason like '%bytes%'}; or {@code every row}.
   */
  public String describe() {
    StringBuilder s = new StringBuilder();
    if (stage != null) {
      s.append("stage ").append(stage);
    }
    if (heldPath != null) {
      s.append(s.length() > 0 ? ", " : "").append("waiting for ").append(heldPath);
    }
    if (reasonLike != null) {
      s.append(s.length() > 0 ? ", " : "").append("reason like '").append(reasonLike).append("'");
    }
    if (since != null) {
      s.append(s.length() > 0 ? ", " : "").append("since ").append(since);
    }
    return s.length() == 0 ? "every row" : s.toString();
  }

  private static Pattern like(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Instant instant(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Cannot select quarantine rows: --since is an ISO instant such as"
              + " 2026-12-01T00:00:00Z: "
              + value,
          e);
    }
  }
}
