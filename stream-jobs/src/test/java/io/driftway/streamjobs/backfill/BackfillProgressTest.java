package io.driftway.streamjobs.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BackfillProgressTest {

  @Test
  void aFinishedRunOfKnownTotalsShowsEveryTotalRead() {
    BackfillProgress running =
        new BackfillProgress(
            "RUNNING",
            12,
            OptionalLong.of(40),
            1_000,
            OptionalLong.of(4_000),
            20,
            OptionalLong.of(40),
            Duration.ofSeconds(18));

    BackfillProgress finished = running.finished(38);

    assertThat(finished.state()).isEqualTo("FINISHED");
    assertThat(finished.files()).isEqualTo(40);
    assertThat(finished.bytes()).isEqualTo(4_000);
    assertThat(finished.records()).isEqualTo(40);
    assertThat(finished.fraction()).hasValue(1.0);
  }

  @Test
  void aFinishedRunWithoutARecordTotalCountsAtLeastTheRowsItWrote() {
    BackfillProgress running =
        new BackfillProgress(
            "RUNNING",
            3,
            OptionalLong.of(4),
            300,
            OptionalLong.of(400),
            35_000,
            OptionalLong.empty(),
            Duration.ofSeconds(5));

    assertThat(running.finished(41_000).records()).isEqualTo(41_000);
    assertThat(running.finished(10).records()).isEqualTo(35_000);
    assertThat(running.finished(10).files()).isEqualTo(4);
  }
}
