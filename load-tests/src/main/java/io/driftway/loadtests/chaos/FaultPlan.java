package io.driftway.loadtests.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * When and which faults strike, drawn from a seed: the same seed, fault count and record count give
 * the same plan. Every kind strikes at least once (when there are at least as many faults as
 * kinds); each fault strikes once the table has committed {@code atRecords} records, {@code
 * delayMillis} later, so that it lands anywhere in a checkpoint interval rather than just after a
 * commit.
 */
final class FaultPlan {

  /** Faults strike between these shares of the records committed. */
  static final double FIRST = 0.03;

  static final double LAST = 0.95;

  /**
   * One planned fault.
   *
   * @param kind what strikes
   * @param atRecords strike once the table and its quarantine hold this many records
   * @param delayMillis then wait this long
   * @param calls for commit faults, how many UpdateTable calls it takes; for a bridge or S3Proxy
   *     restart, the seconds it stays down; else 0
   */
  record Fault(FaultKind kind, long atRecords, long delayMillis, int calls) {}

  private FaultPlan() {}

  /**
   * Draws {@code faults} faults over {@code records} records.
   *
   * @param interval the checkpoint interval in milliseconds: the range of each fault's delay
   */
  static List<Fault> draw(long seed, int faults, long records, long interval) {
    if (faults < 0 || records <= 0 || interval <= 0) {
      throw new IllegalArgumentException(
          "Cannot plan faults: faults, records and interval must be positive: "
              + faults
              + ", "
              + records
              + ", "
              + interval);
    }
    Random random = new Random(seed);
    FaultKind[] all = FaultKind.values();
    List<FaultKind> kinds =
        new ArrayList<>(Arrays.asList(all).subList(0, Math.min(faults, all.length)));
    while (kinds.size() < faults) {
      kinds.add(all[random.nextInt(all.length)]);
    }
    Collections.shuffle(kinds, random);
    List<Long> moments = new ArrayList<>();
    for (int i = 0; i < faults; i++) {
      moments.add((long) (records * (FIRST + (LAST - FIRST) * random.nextDouble())));
    }
    moments.sort(Comparator.naturalOrder());
    List<Fault> plan = new ArrayList<>();
    for (int i = 0; i < faults; i++) {
      FaultKind kind = kinds.get(i);
      int calls =
          switch (kind) {
            case COMMIT_REFUSED -> 3 + random.nextInt(10);
            case COMMIT_UNKNOWN -> 1 + random.nextInt(2);
            case BRIDGE_RESTART, S3PROXY_RESTART -> 1 + random.nextInt(5);
            case KILL_RUN, KAFKA_RESTART -> 0;
          };
      plan.add(new Fault(kind, moments.get(i), (long) (random.nextDouble() * interval), calls));
    }
    return List.copyOf(plan);
  }
}
