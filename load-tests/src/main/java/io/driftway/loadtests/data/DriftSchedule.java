package io.driftway.loadtests.data;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * When the generated events drift: a list of {@link DriftEvent}s, written as a comma-separated list
 * of {@code kind@at[/every]}.
 *
 * <pre>{@code
 * DriftSchedule schedule = DriftSchedule.parse("add-field@50000/100000,widen@120000");
 * }</pre>
 *
 * @param events the events, in the order given
 */
public record DriftSchedule(List<DriftEvent> events) {

  /** The schedule of the peers bench: what every compared system can absorb. */
  public static final String PEERS =
      "add-field@50000/100000,nested-field@100000/100000,widen@120000";

  public DriftSchedule {
    events = List.copyOf(events);
  }

  /** No drift: every record has the base fields. */
  public static DriftSchedule none() {
    return new DriftSchedule(List.of());
  }

  /** Parses a comma-separated list of {@code kind@at[/every]}; blank or {@code none} is none. */
  public static DriftSchedule parse(String text) {
    if (text == null || text.isBlank() || text.trim().equals("none")) {
      return none();
    }
    List<DriftEvent> events = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      events.add(DriftEvent.parse(part));
    }
    return new DriftSchedule(events);
  }

  /** How many times drift of {@code kind} has happened by record {@code seq} (inclusive). */
  public long occurrences(DriftKind kind, long seq) {
    long count = 0;
    for (DriftEvent event : events) {
      if (event.kind() == kind) {
        count += event.occurrences(seq);
      }
    }
    return count;
  }

  /** How many drift events of any kind have happened by {@code seq}: the schema version - 1. */
  public long occurrences(long seq) {
    long count = 0;
    for (DriftEvent event : events) {
      count +=
          event.kind() == DriftKind.WIDEN || event.kind() == DriftKind.TYPE_CONFLICT
              ? Math.min(1, event.occurrences(seq))
              : event.occurrences(seq);
    }
    return count;
  }

  /** Whether any event is of {@code kind}. */
  public boolean has(DriftKind kind) {
    return events.stream().anyMatch(e -> e.kind() == kind);
  }

  @Override
  public String toString() {
    return events.isEmpty()
        ? "none"
        : events.stream().map(DriftEvent::toString).collect(Collectors.joining(","));
  }
}
