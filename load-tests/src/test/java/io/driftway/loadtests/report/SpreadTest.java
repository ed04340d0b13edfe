package io.driftway.loadtests.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

  @Test
  void oddCountTakesTheMiddleValueAndTheRange() {
    Spread spread = Spread.of(List.of(1.4, 1.1, 1.2));

    assertThat(spread).isEqualTo(new Spread(1.2, 1.1, 1.4, 3));
    assertThat(spread.describe()).isEqualTo("1.20 (1.10..1.40, 3 rounds)");
  }

  @Test
  void evenCountAveragesTheTwoMiddleValues() {
    assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Spread(2.5, 1.0, 4.0, 4));
  }

  @Test
  void roundsWithoutAFigureAreLeftOut() {
    Spread spread = Spread.of(List.of(Double.NaN, 2.0));

    assertThat(spread).isEqualTo(new Spread(2.0, 2.0, 2.0, 1));
    assertThat(spread.describe()).isEqualTo("2.00 (2.00..2.00, 1 round)");
  }

  @Test
  void nothingMeasuredIsNaNAndPrintsAsADash() {
    Spread spread = Spread.of(List.of());

    assertThat(spread.count()).isZero();
    assertThat(spread.median()).isNaN();
    assertThat(spread.describe()).isEqualTo("-");
  }

  @Test
  void ratiosAreTakenRoundByRoundUpToTheShorterList() {
    Spread spread =
        Spread.ofRatios(List.of(3.0, 8.0, 99.0), List.of(2.0, 4.0), Double::doubleValue);

    assertThat(spread).isEqualTo(new Spread(1.75, 1.5, 2.0, 2));
  }
}
