package io.driftway.catalogbridge.sync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a mirror run did (or, in a dry run, would do): one {@link Change} per database, table or
 * partition written, and counts of what was already equal.
 */
public final class MirrorReport {

  /** The kinds of catalog entries a mirror copies. */
  public enum Entity {
    DATABASE,
    TABLE,
    PARTITION
  }

  /** What happened to one entry. */
  public enum Action {
    CREATED,
    UPDATED,
    DELETED,
    UNCHANGED,
    FAILED
  }

  /** One entry written, or failed, with its qualified name and (for failures) why. */
  public record Change(Entity entity, Action action, String name, String detail) {}

  private final List<Change> changes = new ArrayList<>();
  private final Map<Entity, Map<Action, Integer>> counts = new EnumMap<>(Entity.class);
  private final boolean dryRun;

  MirrorReport(boolean dryRun) {
    this.dryRun = dryRun;
    for (Entity entity : Entity.values()) {
      Map<Action, Integer> byAction = new EnumMap<>(Action.class);
      for (Action action : Action.values()) {
        byAction.put(action, 0);
      }
      counts.put(entity, byAction);
    }
  }

  synchronized void record(Entity entity, Action action, String name, String detail) {
    counts.get(entity).merge(action, 1, Integer::sum);
    if (action != Action.UNCHANGED) {
      changes.add(new Change(entity, action, name, detail));
    }
  }

  /** How many entries of a kind got an action. */
  public synchronized int count(Entity entity, Action action) {
    return counts.get(entity).get(action);
  }

  /** Every entry written or failed, in the order it happened. */
  public synchronized List<Change> changes() {
    return Collections.unmodifiableList(new ArrayList<>(changes));
  }

  public boolean dryRun() {
    return dryRun;
  }

  public synchronized boolean hasFailures() {
    return counts.values().stream().anyMatch(byAction -> byAction.get(Action.FAILED) > 0);
  }

  /** One line per kind, e.g. {@code tables: 2 created, 1 updated, 0 deleted, 5 unchanged}. */
  public synchronized List<String> summary() {
    List<String> lines = new ArrayList<>();
    for (Entity entity : Entity.values()) {
      Map<Action, Integer> c = counts.get(entity);
      lines.add(
          String.format(
              java.util.Locale.ROOT,
              "%s: %d created, %d updated, %d deleted, %d unchanged, %d failed",
              entity.name().toLowerCase(java.util.Locale.ROOT) + "s",
              c.get(Action.CREATED),
              c.get(Action.UPDATED),
              c.get(Action.DELETED),
              c.get(Action.UNCHANGED),
              c.get(Action.FAILED)));
    }
    return lines;
  }
}
