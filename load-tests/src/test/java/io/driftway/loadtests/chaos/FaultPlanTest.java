package io.driftway.loadtests.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void theSameSeedDrawsTheSamePlanAndAnotherSeedAnother() {
    List<FaultPlan.Fault> plan = FaultPlan.draw(7, 12, 1_000_000, 5_000);

    assertThat(FaultPlan.draw(7, 12, 1_000_000, 5_000)).isEqualTo(plan);
    assertThat(FaultPlan.draw(8, 12, 1_000_000, 5_000)).isNotEqualTo(plan);
  }

  @Test
  void everyKindStrikesWhenThereAreAtLeastAsManyFaultsAsKinds() {
    for (long seed = 0; seed < 50; seed++) {
      EnumSet<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
      FaultPlan.draw(seed, FaultKind.values().length, 50_000, 2_000)
          .forEach(fault -> kinds.add(fault.kind()));

      assertThat(kinds).as("seed %d", seed).isEqualTo(EnumSet.allOf(FaultKind.class));
    }
  }

  @Test
  void faultsStrikeInOrderWithinTheRecordsAndACheckpointInterval() {
    List<FaultPlan.Fault> plan = FaultPlan.draw(42, 12, 1_000_000, 5_000);

    assertThat(plan).hasSize(12);
    assertThat(plan)
        .extracting(FaultPlan.Fault::atRecords)
        .isSorted()
        .allSatisfy(at -> assertThat(at).isBetween(30_000L, 950_000L));
    assertThat(plan)
        .extracting(FaultPlan.Fault::delayMillis)
        .allSatisfy(delay -> assertThat(delay).isBetween(0L, 4_999L));
    assertThat(plan)
        .filteredOn(fault -> fault.kind() == FaultKind.COMMIT_REFUSED)
        .extracting(FaultPlan.Fault::calls)
        .allSatisfy(calls -> assertThat(calls).isBetween(3, 12));
  }

  @Test
  void aPlanWithoutRecordsIsRefused() {
    assertThatThrownBy(() -> FaultPlan.draw(1, 3, 0, 5_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot plan faults: faults, records and interval must be positive: 3, 0, 5000");
  }
}
