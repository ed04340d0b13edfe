package io.driftway.streamjobs.audit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The range arithmetic of the audit: the committed ranges of each source partition, sorted, must
 * follow each other without a gap and without an overlap.
 *
 * <p>Two ranges follow each other when the later one says it continued from the earlier one's last
 * position ({@code after}, kept in the job's checkpointed state, which also proves that offsets in
 * between hold no record, as in compacted topics), or, when the later one has no {@code after} (a
 * job that started without state), when a dense source (Kafka, files) continues at the next number.
 * A range starting at or below the last committed position overlaps: those records were committed
 * twice. The first range of a partition is where the pipeline started; nothing before it is
 * checked.
 */
final class RangeAudit {

  private RangeAudit() {}

  /** What the audit says about one source partition. */
  record PartitionReport(
      SourcePartition partition,
      int ranges,
      String first,
      String last,
      long records,
      List<Finding> findings) {}

  /** One report per source partition, in partition order. */
  static List<PartitionReport> check(List<CoveredRange> committed) {
    Map<String, List<CoveredRange>> byPartition = new TreeMap<>();
    for (CoveredRange range : committed) {
      byPartition.computeIfAbsent(range.partition().describe(), k -> new ArrayList<>()).add(range);
    }
    List<PartitionReport> reports = new ArrayList<>();
    for (List<CoveredRange> ranges : byPartition.values()) {
      reports.add(checkPartition(ranges));
    }
    return reports;
  }

  private static PartitionReport checkPartition(List<CoveredRange> unsorted) {
    List<CoveredRange> ranges = new ArrayList<>(unsorted);
    ranges.sort(
        Comparator.comparing(CoveredRange::first, CoveredRange.POSITIONS)
            .thenComparing(CoveredRange::last, CoveredRange.POSITIONS));
    SourcePartition partition = ranges.get(0).partition();
    String subject = partition.describe();
    List<Finding> findings = new ArrayList<>();
    CoveredRange reach = ranges.get(0);
    long records = reach.records();
    for (CoveredRange range : ranges.subList(1, ranges.size())) {
      records += range.records();
      if (CoveredRange.compare(range.first(), reach.last()) <= 0) {
        String end =
            CoveredRange.compare(range.last(), reach.last()) < 0 ? range.last() : reach.last();
        findings.add(
            new Finding(
                Finding.Kind.OVERLAP,
                subject,
                "positions "
                    + span(range.first(), end)
                    + " committed twice ("
                    + reach.committedBy()
                    + ", "
                    + range.committedBy()
                    + ")"));
      } else if (!follows(range, reach)) {
        findings.add(
            new Finding(
                Finding.Kind.GAP,
                subject,
                missing(partition, reach.last(), range)
                    + " never committed (between "
                    + reach.committedBy()
                    + " and "
                    + range.committedBy()
                    + ")"));
      }
      if (CoveredRange.compare(range.last(), reach.last()) > 0) {
        reach = range;
      }
    }
    return new PartitionReport(
        partition, ranges.size(), ranges.get(0).first(), reach.last(), records, findings);
  }

  private static boolean follows(CoveredRange range, CoveredRange previous) {
    if (range.after() != null) {
      return CoveredRange.compare(range.after(), previous.last()) == 0;
    }
    return range.partition().dense()
        && CoveredRange.number(range.first())
            .equals(CoveredRange.number(previous.last()).add(BigInteger.ONE));
  }

  private static String missing(SourcePartition partition, String last, CoveredRange next) {
    if (partition.dense()) {
      BigInteger from = CoveredRange.number(last).add(BigInteger.ONE);
      BigInteger to = CoveredRange.number(next.first()).subtract(BigInteger.ONE);
      if (from.compareTo(to) <= 0) {
        return "positions " + span(from.toString(), to.toString());
      }
    }
    if (next.after() != null && CoveredRange.compare(next.after(), last) > 0) {
      return "positions after " + last + " up to " + next.after();
    }
    return "positions after " + last + " and before " + next.first();
  }

  private static String span(String from, String to) {
    return from.equals(to) ? from : from + ".." + to;
  }
}
