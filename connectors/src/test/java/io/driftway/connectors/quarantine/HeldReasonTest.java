package io.driftway.connectors.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The held reason names the paths it waits for, and gives them back. */
class HeldReasonTest {

  @Test
  void readsBackEveryHeldPathEvenWhenTypesHoldCommas() {
    String reason =
        "Held for approval: new fields /coupon (decimal(12,2)), /payload/extra (struct<a: long,"
            + " b: string>) under new-fields=hold; decide with: driftway schema approve shop.orders"
            + " --path /coupon (or reject)";

    assertThat(HeldReason.paths(reason)).containsExactly("/coupon", "/payload/extra");
  }

  @Test
  void otherReasonsHoldNoPath() {
    assertThat(HeldReason.paths("Cannot parse JSON: unexpected end: kafka:o/0@1")).isEmpty();
    assertThat(HeldReason.paths(null)).isEmpty();
  }
}
