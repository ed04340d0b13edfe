package io.driftway.catalogbridge.console.quarantine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A quarantine's rows counted by stage and reason, and by stage per time bucket (an hour, or a day
 * when the rows span more than two days), for the console's table and its bar chart.
 *
 * <pre>{@code
 * QuarantineCounts counts = QuarantineCounts.of(rows);
 * counts.byReason().forEach(g -> System.out.println(g.count() + " " + g.stage() + " " + g.reason()));
 * }</pre>
 */
public final class QuarantineCounts {

  /** Rows with one stage and reason. */
  public record Group(String stage, String reason, long count, Instant first, Instant last) {}

  /** Rows quarantined in {@code [start, start + width)}, by stage. */
  public record Bucket(Instant start, Duration width, Map<String, Long> byStage) {

    public Bucket {
      byStage = Map.copyOf(byStage);
    }

    /** Every row in the bucket. */
    public long total() {
      return byStage.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final List<Group> byReason;
  private final List<Bucket> overTime;
  private final Map<String, Long> byState;

  private QuarantineCounts(List<Group> byReason, List<Bucket> overTime, Map<String, Long> byState) {
    this.byReason = List.copyOf(byReason);
    this.overTime = List.copyOf(overTime);
    this.byState = Map.copyOf(byState);
  }

  /** Groups by stage and reason, largest first. */
  public List<Group> byReason() {
    return byReason;
  }

  /** Buckets oldest first, only those with rows. */
  public List<Bucket> overTime() {
    return overTime;
  }

  /** Rows by state ({@code pending}, {@code replayed}, ...). */
  public Map<String, Long> byState() {
    return byState;
  }

  /** Counts {@code rows}. */
  public static QuarantineCounts of(List<QuarantineAccess.Row> rows) {
    Map<List<String>, Group> groups = new LinkedHashMap<>();
    Map<String, Long> states = new TreeMap<>();
    Instant min = null;
    Instant max = null;
    for (QuarantineAccess.Row row : rows) {
      List<String> key = List.of(String.valueOf(row.stage()), String.valueOf(row.reason()));
      Instant at = row.quarantinedAt();
      groups.merge(
          key,
          new Group(key.get(0), key.get(1), 1, at, at),
          (a, b) ->
              new Group(
                  a.stage(),
                  a.reason(),
                  a.count() + 1,
                  a.first().isBefore(at) ? a.first() : at,
                  a.last().isAfter(at) ? a.last() : at));
      states.merge(String.valueOf(row.state()), 1L, Long::sum);
      min = min == null || at.isBefore(min) ? at : min;
      max = max == null || at.isAfter(max) ? at : max;
    }
    List<Group> byReason = new ArrayList<>(groups.values());
    byReason.sort(Comparator.comparingLong(Group::count).reversed());
    List<Bucket> buckets = new ArrayList<>();
    if (min != null) {
      Duration width =
          Duration.between(min, max).compareTo(Duration.ofDays(2)) > 0
              ? Duration.ofDays(1)
              : Duration.ofHours(1);
      TreeMap<Instant, Map<String, Long>> counts = new TreeMap<>();
      for (QuarantineAccess.Row row : rows) {
        long seconds = row.quarantinedAt().getEpochSecond();
        Instant start = Instant.ofEpochSecond(seconds - Math.floorMod(seconds, width.toSeconds()));
        counts
            .computeIfAbsent(start, s -> new TreeMap<>())
            .merge(String.valueOf(row.stage()), 1L, Long::sum);
      }
      counts.forEach((start, byStage) -> buckets.add(new Bucket(start, width, byStage)));
    }
    return new QuarantineCounts(byReason, buckets, states);
  }
}
