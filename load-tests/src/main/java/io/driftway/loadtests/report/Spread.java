package io.driftway.loadtests.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The median and the range of one figure over a bench's rounds: a ratio measured in each round
 * (both systems of the ratio run in that round, one after the other) and summarised, so one noisy
 * round on a shared machine moves the range, not the headline.
 *
 * <pre>{@code
 * Spread ratio = Spread.of(List.of(1.1, 1.4, 1.2)); // median 1.2, min 1.1, max 1.4
 * }</pre>
 *
 * @param median the middle value (the mean of the two middle ones for an even count); NaN if empty
 * @param min the smallest value; NaN if empty
 * @param max the largest value; NaN if empty
 * @param count how many values (NaN values are left out)
 */
public record Spread(double median, double min, double max, int count) {

  /** The spread of {@code values}, NaN values left out (a round where a system did not run). */
  public static Spread of(List<Double> values) {
    double[] sorted =
        values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
    if (sorted.length == 0) {
      return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    double median =
        sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
  }

  /**
   * The spread of {@code figure(over[i]) / figure(under[i])} for every round both lists reached: a
   * ratio is only taken between two runs of the same round.
   */
  public static <T> Spread ofRatios(List<T> over, List<T> under, ToDoubleFunction<T> figure) {
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < Math.min(over.size(), under.size()); round++) {
      ratios.add(figure.applyAsDouble(over.get(round)) / figure.applyAsDouble(under.get(round)));
    }
    return of(ratios);
  }

  /** {@code 1.20 (1.10..1.40, 3 rounds)}, or {@code -} when nothing was measured. */
  public String describe() {
    if (count == 0) {
      return "-";
    }
    return String.format(
        Locale.ROOT,
        "%.2f (%.2f..%.2f, %d %s)",
        median,
        min,
        max,
        count,
        count == 1 ? "round" : "rounds");
  }
}
