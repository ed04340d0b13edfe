package io.driftway.streamjobs.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void mergeKeepsTheLargerPositionPerKey() {
    Progress a = Progress.of(Map.of("kafka:t/0", "10", "kafka:t/1", "3"));
    Progress b = Progress.of(Map.of("kafka:t/0", "7", "kafka:t/2", "5"));

    assertThat(a.merge(b).positions())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("kafka:t/0", "10", "kafka:t/1", "3", "kafka:t/2", "5"));
    assertThat(a.merge(b)).isEqualTo(b.merge(a));
  }

  @Test
  void comparesKinesisSequenceNumbersBeyondLong() {
    Progress p =
        Progress.empty()
            .with("kinesis:s/shard-0", "49590338271490256608559692538361571095921575989136588898");

    assertThat(
            p.covers(
                "kinesis:s/shard-0", "49590338271490256608559692538361571095921575989136588897"))
        .isTrue();
    assertThat(
            p.covers(
                "kinesis:s/shard-0", "49590338271490256608559692538361571095921575989136588899"))
        .isFalse();
  }

  @Test
  void aFileReadToItsEndCoversEveryRecord() {
    Progress p =
        Progress.empty()
            .with("file:s3://b/a.json@etag", "12")
            .with("file:s3://b/a.json@etag", Progress.DONE);

    assertThat(p.covers("file:s3://b/a.json@etag", "1000000")).isTrue();
    assertThat(p.covers("file:s3://b/other.json@etag", "1")).isFalse();
  }
}
