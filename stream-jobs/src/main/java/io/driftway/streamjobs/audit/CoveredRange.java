package io.driftway.streamjobs.audit;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Objects;

/**
 * The positions of one source partition that one checkpoint of one job committed.
 *
 * @param after the last position the job had read of this partition before {@code first} (from its
 *     restored state), or null when the job had no record of it
 * @param first the first position read in this checkpoint
 * @param last the last position read in this checkpoint
 */
record CoveredRange(
    SourcePartition partition,
    String after,
    String first,
    String last,
    long records,
    String jobId,
    long checkpointId) {

  /** Positions are decimal numbers (offsets, lines, Kinesis sequence numbers) of any length. */
  static final Comparator<String> POSITIONS =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  CoveredRange {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
  }

  static int compare(String a, String b) {
    return POSITIONS.compare(strip(a), strip(b));
  }

  static BigInteger number(String position) {
    return new BigInteger(position);
  }

  private static String strip(String position) {
    int i = 0;
    while (i < position.length() - 1 && position.charAt(i) == '0') {
      i++;
    }
    return position.substring(i);
  }

  /** As the audit prints it: {@code job 3f2a.. checkpoint 7}. */
  String committedBy() {
    String job = jobId == null ? "?" : jobId.length() > 8 ? jobId.substring(0, 8) : jobId;
    return "job "
        + job
        + (checkpointId == RangeTracker.END_OF_INPUT
            ? " at end of input"
            : " checkpoint " + checkpointId);
  }
}
