package io.driftway.streamjobs.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RangeAuditTest {

  private static final SourcePartition P0 = new SourcePartition("kafka", "orders", "0");
  private static final SourcePartition P1 = new SourcePartition("kafka", "orders", "1");
  private static final SourcePartition SHARD =
      new SourcePartition("kinesis", "clicks", "shardId-000000000000");
  private static final SourcePartition FILE = new SourcePartition("file", "s3://in/a.json", null);

  private static CoveredRange range(
      SourcePartition at, String after, long first, long last, long checkpoint) {
    return new CoveredRange(
        at,
        after,
        Long.toString(first),
        Long.toString(last),
        last - first + 1,
        "0123456789abcdef",
        checkpoint);
  }

  private static List<Finding> findings(CoveredRange... ranges) {
    return RangeAudit.check(List.of(ranges)).stream().flatMap(p -> p.findings().stream()).toList();
  }

  @Test
  void chainedRangesAreClean() {
    assertThat(
            findings(
                range(P0, null, 0, 99, 1),
                range(P0, "99", 100, 199, 2),
                range(P0, "199", 200, 200, 3)))
        .isEmpty();
  }

  @Test
  void rangesInAnyOrderAreSortedFirst() {
    List<RangeAudit.PartitionReport> reports =
        RangeAudit.check(List.of(range(P0, "99", 100, 199, 2), range(P0, null, 0, 99, 1)));
    assertThat(reports)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.findings()).isEmpty();
              assertThat(p.first()).isEqualTo("0");
              assertThat(p.last()).isEqualTo("199");
              assertThat(p.records()).isEqualTo(200);
              assertThat(p.ranges()).isEqualTo(2);
            });
  }

  @Test
  void aStatelessStartContinuingAtTheNextOffsetIsClean() {
    assertThat(findings(range(P0, null, 0, 99, 1), range(P0, null, 100, 150, 1))).isEmpty();
  }

  @Test
  void skippedOffsetsAreAGap() {
    assertThat(findings(range(P0, null, 0, 99, 1), range(P0, null, 120, 150, 1)))
        .extracting(Finding::describe)
        .containsExactly(
            "GAP kafka:orders/0: positions 100..119 never committed (between job 01234567"
                + " checkpoint 1 and job 01234567 checkpoint 1)");
  }

  @Test
  void offsetsWithoutRecordsAreNoGapWhenTheJobContinuedFromTheLastCommittedOne() {
    // A compacted topic: offsets 100..119 hold no record, the job's state says it read up to 99.
    assertThat(findings(range(P0, null, 0, 99, 1), range(P0, "99", 120, 150, 2))).isEmpty();
  }

  @Test
  void aJobContinuingFromPositionsNeverCommittedLeftAGap() {
    assertThat(findings(range(P0, null, 0, 99, 1), range(P0, "130", 131, 150, 3)))
        .extracting(Finding::describe)
        .containsExactly(
            "GAP kafka:orders/0: positions 100..130 never committed (between job 01234567"
                + " checkpoint 1 and job 01234567 checkpoint 3)");
  }

  @Test
  void aCheckpointCommittedTwiceIsAnOverlap() {
    CoveredRange again = new CoveredRange(P0, "99", "100", "199", 100, "fedcba9876543210", 2);
    assertThat(findings(range(P0, null, 0, 99, 1), range(P0, "99", 100, 199, 2), again))
        .extracting(Finding::describe)
        .containsExactly(
            "OVERLAP kafka:orders/0: positions 100..199 committed twice (job 01234567"
                + " checkpoint 2, job fedcba98 checkpoint 2)");
  }

  @Test
  void aPartialOverlapNamesOnlyTheSharedPositions() {
    assertThat(findings(range(P0, null, 0, 99, 1), range(P0, null, 90, 120, 2)))
        .extracting(Finding::describe)
        .containsExactly(
            "OVERLAP kafka:orders/0: positions 90..99 committed twice (job 01234567"
                + " checkpoint 1, job 01234567 checkpoint 2)");
  }

  @Test
  void partitionsAreCheckedApart() {
    List<RangeAudit.PartitionReport> reports =
        RangeAudit.check(
            List.of(
                range(P1, null, 0, 9, 1),
                range(P0, null, 0, 9, 1),
                range(P1, "9", 10, 19, 2),
                range(P0, null, 15, 19, 2)));
    assertThat(reports)
        .extracting(p -> p.partition().describe(), p -> p.findings().size())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("kafka:orders/0", 1),
            org.assertj.core.groups.Tuple.tuple("kafka:orders/1", 0));
  }

  @Test
  void kinesisSequenceNumbersCompareAsNumbersOfAnyLength() {
    CoveredRange first =
        new CoveredRange(
            SHARD,
            null,
            "49590338271490256608559692538361571095921575989136588898",
            "49590338271490256608559692540925702759324208523137515618",
            3,
            "job",
            1);
    CoveredRange next =
        new CoveredRange(
            SHARD,
            "49590338271490256608559692540925702759324208523137515618",
            "49590338271490256608559692541000000000000000000000000000",
            "49590338271490256608559692541000000000000000000000000009",
            2,
            "job",
            2);
    assertThat(findings(next, first)).isEmpty();
  }

  @Test
  void kinesisRangesWithoutAChainAreAGapBecauseSequenceNumbersAreSparse() {
    CoveredRange first = new CoveredRange(SHARD, null, "100", "200", 3, "job", 1);
    CoveredRange next = new CoveredRange(SHARD, null, "300", "400", 2, "job", 2);
    assertThat(findings(first, next))
        .extracting(Finding::describe)
        .containsExactly(
            "GAP kinesis:clicks/shardId-000000000000: positions after 200 and before 300 never"
                + " committed (between job job checkpoint 1 and job job checkpoint 2)");
  }

  @Test
  void fileLinesAreDenseAndABackfillEndIsNamed() {
    CoveredRange end =
        new CoveredRange(FILE, "10", "11", "20", 10, "0123456789abcdef", RangeTracker.END_OF_INPUT);
    assertThat(findings(range(FILE, null, 1, 10, 4), end)).isEmpty();
    CoveredRange again =
        new CoveredRange(FILE, null, "1", "20", 20, "0123456789abcdef", RangeTracker.END_OF_INPUT);
    assertThat(findings(range(FILE, null, 1, 10, 4), end, again))
        .extracting(Finding::describe)
        .containsExactly(
            "OVERLAP file:s3://in/a.json: positions 1..10 committed twice (job 01234567"
                + " checkpoint 4, job 01234567 at end of input)",
            "OVERLAP file:s3://in/a.json: positions 11..20 committed twice (job 01234567 at end"
                + " of input, job 01234567 at end of input)");
  }
}
