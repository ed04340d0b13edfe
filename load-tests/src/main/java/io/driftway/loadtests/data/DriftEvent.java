package io.driftway.loadtests.data;

/**
 * One line of a {@link DriftSchedule}: {@code kind} happens at record {@code at} and, when {@code
 * every} is positive, again every {@code every} records after that.
 *
 * <pre>{@code
 * DriftEvent event = DriftEvent.parse("add-field@50000/100000");
 * event.occurrences(250_000); // 3: at 50,000, 150,000 and 250,000
 * }</pre>
 *
 * @param kind what changes
 * @param at the sequence number of the first record that has the change
 * @param every records between repetitions, 0 for once
 */
public record DriftEvent(DriftKind kind, long at, long every) {

  public DriftEvent {
    if (kind == null) {
      throw new IllegalArgumentException("Cannot build drift event: kind is required: null");
    }
    if (at < 0 || every < 0) {
      throw new IllegalArgumentException(
          "Cannot build drift event: at and every must not be negative: " + at + "/" + every);
    }
  }

  /** Parses {@code kind@at} or {@code kind@at/every}, e.g. {@code widen@120000}. */
  public static DriftEvent parse(String text) {
    String trimmed = text.trim();
    int atSign = trimmed.indexOf('@');
    if (atSign < 0) {
      throw new IllegalArgumentException(
          "Cannot parse drift event: expected kind@at or kind@at/every: " + text);
    }
    DriftKind kind = DriftKind.of(trimmed.substring(0, atSign));
    String position = trimmed.substring(atSign + 1);
    int slash = position.indexOf('/');
    try {
      long at = Long.parseLong(slash < 0 ? position : position.substring(0, slash));
      long every = slash < 0 ? 0 : Long.parseLong(position.substring(slash + 1));
      return new DriftEvent(kind, at, every);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Cannot parse drift event: at and every must be whole numbers: " + text, e);
    }
  }

  /** How many times this event has happened by record {@code seq} (inclusive). */
  public long occurrences(long seq) {
    if (seq < at) {
      return 0;
    }
    return every == 0 ? 1 : (seq - at) / every + 1;
  }

  @Override
  public String toString() {
    return kind.label() + "@" + at + (every == 0 ? "" : "/" + every);
  }
}
