package io.driftway.streamjobs.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.streamjobs.backfill.Progress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;

/** Row states from replay bookmarks, and which rows a replay selects. */
class ReplayLedgerTest {

  private static final TableIdentifier ORDERS = TableIdentifier.of("shop", "orders");
  private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

  @Test
  void aRowIsReplayedOnceAndARowThatFailedAgainWaitsForOtherRules() {
    QuarantineRow written = row("kafka:o/0@1", "track", "too large", T0, "{\"id\":1}");
    QuarantineRow failed = row("kafka:o/0@2", "track", "too large", T0, "{\"id\":2}");
    QuarantineRow failedAgain =
        row("kafka:o/0@2", "track", "still too large", T0.plusSeconds(20), "{\"id\":2}");
    QuarantineRow fresh = row("kafka:o/0@3", "decode", "bad json", T0.plusSeconds(30), "{");
    long replayedAt = T0.plusSeconds(10).toEpochMilli();
    Progress replayed =
        Progress.of(
            Map.of(
                ReplayLedger.recordKey(written.recordId()), Long.toString(replayedAt),
                ReplayLedger.rulesKey(written.recordId(), "v2"), Long.toString(replayedAt),
                ReplayLedger.recordKey(failed.recordId()), Long.toString(replayedAt),
                ReplayLedger.rulesKey(failed.recordId(), "v2"), Long.toString(replayedAt)));
    ReplayLedger ledger = ReplayLedger.of(replayed, Progress.empty());
    List<QuarantineRow> rows = List.of(written, failed, failedAgain, fresh);

    Replays.Inventory underV2 =
        Replays.inventory(rows, ledger, "v2", ORDERS, QuarantineSelection.all());
    Replays.Inventory underV3 =
        Replays.inventory(rows, ledger, "v3", ORDERS, QuarantineSelection.all());

    assertThat(underV2.entries())
        .extracting(Replays.Entry::state)
        .containsExactly(
            ReplayLedger.State.REPLAYED,
            ReplayLedger.State.SUPERSEDED,
            ReplayLedger.State.FAILED_AGAIN,
            ReplayLedger.State.PENDING);
    assertThat(underV2.pending()).containsExactly(fresh);
    assertThat(underV2.alreadyReplayed()).isEqualTo(3);
    assertThat(underV3.pending()).containsExactly(failedAgain, fresh);
  }

  @Test
  void aRejectedRowIsNotPendingUntilItsRecordIsQuarantinedAgain() {
    QuarantineRow held = row("kafka:o/0@1", "held", "Held for approval: x", T0, "{}");
    Progress rejected =
        Progress.of(
            Map.of(
                ReplayLedger.recordKey(held.recordId()),
                Long.toString(T0.plusSeconds(1).toEpochMilli())));

    assertThat(ReplayLedger.of(Progress.empty(), rejected).state(held, true, "v1"))
        .isEqualTo(ReplayLedger.State.REJECTED);
  }

  @Test
  void selectsByStageReasonPatternTimeAndHeldPath() {
    QuarantineRow track = row("kafka:o/0@1", "track", "record size 172 exceeds 100", T0, "a");
    QuarantineRow held =
        row(
            "kafka:o/0@2",
            "held",
            "Held for approval: new field /payload/coupon (string) under new-fields=hold; decide"
                + " with: driftway schema approve shop.orders --path /payload/coupon (or reject)",
            T0.plusSeconds(60),
            "b");

    assertThat(QuarantineSelection.of("track", null, null).matches(track)).isTrue();
    assertThat(QuarantineSelection.of("TRACK", null, null).matches(held)).isFalse();
    assertThat(QuarantineSelection.of(null, "%SIZE 1_2 exceeds%", null).matches(track)).isTrue();
    assertThat(QuarantineSelection.of(null, "size 99", null).matches(track)).isFalse();
    assertThat(QuarantineSelection.of(null, null, "2026-12-06T08:00:30Z").matches(track)).isFalse();
    assertThat(QuarantineSelection.all().held("/payload").matches(held)).isTrue();
    assertThat(QuarantineSelection.all().held("/payload/coupon").matches(held)).isTrue();
    assertThat(QuarantineSelection.all().held("/pay").matches(held)).isFalse();
    assertThatThrownBy(() -> QuarantineSelection.of("parse", null, null))
        .hasMessage(
            "Cannot select quarantine rows: --stage is one of decode, route, track, conform,"
                + " held: parse");
  }

  @Test
  void namesTheTargetOfAReplaySource() {
    assertThat(Replays.target("quarantine://shop.orders")).isEqualTo(ORDERS);
    assertThat(Replays.target("quarantine://Shop.Orders_quarantine")).isEqualTo(ORDERS);
    assertThatThrownBy(() -> Replays.target("quarantine://orders"))
        .hasMessage(
            "Cannot find quarantine: the table is database.table, e.g. shop.orders: orders");
  }

  private static QuarantineRow row(
      String source, String stage, String reason, Instant at, String raw) {
    return new QuarantineRow(
        at,
        stage,
        reason,
        null,
        source,
        null,
        null,
        null,
        null,
        raw.getBytes(StandardCharsets.UTF_8));
  }
}
