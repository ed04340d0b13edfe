package io.driftway.connectors.tracking;

import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The meeting point of the tracking subtasks' schema settles, as plain bookkeeping (the {@link
 * SettleCoordinator} runs it on the JobManager). At each checkpoint barrier every subtask proposes
 * the record schemas that would move its tables (often none); at the end of a bounded input it
 * proposes once more and takes no part in later rounds. A round is decided when every subtask has
 * proposed for it or for a later checkpoint, or has ended: the answer is the union, per table, of
 * all the round's proposals and of the end-of-input proposals still waiting, and every subtask that
 * waits gets the same answer. So a new field seen with incompatible types by two subtasks inside
 * one checkpoint gets one type, the first in the documented order, on both.
 *
 * <p>An end-of-input proposal waits for the next round that is decided (or for every subtask to
 * end): the subtasks still reading meet it at their next barrier. A round whose checkpoint was
 * aborted, or that a newer checkpoint overtakes, is decided with the proposals it has.
 *
 * <p>Not thread-safe: the coordinator calls it from its one thread.
 */
final class SettleRounds {

  /** The round id of an end-of-input proposal. */
  static final long END = -1;

  /** An answer to one waiting subtask: the joined schemas per table of the round it proposed in. */
  record Answer(int subtask, long round, Map<String, List<StructType>> schemas) {}

  private final long[] lastRound;
  private final boolean[] ended;

  /** Undecided rounds by checkpoint id: the non-empty proposals, by subtask. */
  private final TreeMap<Long, Map<Integer, Map<String, List<StructType>>>> rounds = new TreeMap<>();

  /** Non-empty end-of-input proposals not decided yet, by subtask. */
  private final Map<Integer, Map<String, List<StructType>>> endWaiting = new TreeMap<>();

  SettleRounds(int parallelism) {
    this.lastRound = new long[parallelism];
    this.ended = new boolean[parallelism];
    Arrays.fill(lastRound, Long.MIN_VALUE);
  }

  /**
   * Takes {@code subtask}'s proposal for checkpoint {@code round} ({@link #END} at the end of its
   * input); returns the answers now due, to this subtask and others.
   */
  List<Answer> propose(int subtask, long round, Map<String, List<StructType>> schemas) {
    if (round == END) {
      ended[subtask] = true;
      if (!schemas.isEmpty()) {
        endWaiting.put(subtask, schemas);
      }
    } else {
      lastRound[subtask] = Math.max(lastRound[subtask], round);
      Map<Integer, Map<String, List<StructType>>> proposals =
          rounds.computeIfAbsent(round, r -> new TreeMap<>());
      if (!schemas.isEmpty()) {
        proposals.put(subtask, schemas);
      }
    }
    List<Answer> answers = new ArrayList<>();
    Iterator<Map.Entry<Long, Map<Integer, Map<String, List<StructType>>>>> pending =
        rounds.entrySet().iterator();
    while (pending.hasNext()) {
      Map.Entry<Long, Map<Integer, Map<String, List<StructType>>>> next = pending.next();
      if (!complete(next.getKey())) {
        // A later round cannot be complete either: every subtask proposes rounds in order.
        break;
      }
      pending.remove();
      decide(next.getKey(), next.getValue(), answers);
    }
    if (!endWaiting.isEmpty() && allEnded()) {
      decide(END, Map.of(), answers);
    }
    return answers;
  }

  /**
   * Decides every round up to {@code round} with the proposals it has: its checkpoint was aborted,
   * or a newer one started, so the subtasks missing from it will not propose for it.
   */
  List<Answer> decideUpTo(long round) {
    List<Answer> answers = new ArrayList<>();
    while (!rounds.isEmpty() && rounds.firstKey() <= round) {
      Map.Entry<Long, Map<Integer, Map<String, List<StructType>>>> first = rounds.pollFirstEntry();
      decide(first.getKey(), first.getValue(), answers);
    }
    return answers;
  }

  /** Forgets {@code subtask}'s proposals: it restarts and will propose them again. */
  void reset(int subtask) {
    ended[subtask] = false;
    lastRound[subtask] = Long.MIN_VALUE;
    endWaiting.remove(subtask);
    rounds.values().forEach(proposals -> proposals.remove(subtask));
  }

  /** Forgets everything: the whole job restarts. */
  void resetAll() {
    for (int subtask = 0; subtask < ended.length; subtask++) {
      reset(subtask);
    }
    rounds.clear();
  }

  private boolean complete(long round) {
    for (int subtask = 0; subtask < ended.length; subtask++) {
      if (!ended[subtask] && lastRound[subtask] < round) {
        return false;
      }
    }
    return true;
  }

  private boolean allEnded() {
    for (boolean done : ended) {
      if (!done) {
        return false;
      }
    }
    return true;
  }

  private void decide(
      long round, Map<Integer, Map<String, List<StructType>>> proposals, List<Answer> answers) {
    if (proposals.isEmpty() && endWaiting.isEmpty()) {
      return;
    }
    Map<String, Set<StructType>> union = new TreeMap<>();
    proposals.values().forEach(p -> addAll(union, p));
    endWaiting.values().forEach(p -> addAll(union, p));
    Map<String, List<StructType>> joined = new HashMap<>();
    union.forEach((table, schemas) -> joined.put(table, List.copyOf(schemas)));
    Map<String, List<StructType>> answer = Map.copyOf(joined);
    proposals.keySet().forEach(subtask -> answers.add(new Answer(subtask, round, answer)));
    endWaiting.keySet().forEach(subtask -> answers.add(new Answer(subtask, END, answer)));
    endWaiting.clear();
  }

  private static void addAll(Map<String, Set<StructType>> union, Map<String, List<StructType>> p) {
    p.forEach(
        (table, schemas) ->
            union.computeIfAbsent(table, t -> new LinkedHashSet<>()).addAll(schemas));
  }
}
