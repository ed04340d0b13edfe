package io.driftway.connectors.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FreshnessWatchTest {
  private static final Duration SLO = Duration.ofSeconds(10);
  private static final long T = 1_000_000L;

  private static FreshnessWatch watch() {
    return new FreshnessWatch("orders", "sales.orders", SLO);
  }

  @Test
  void breachesOnceWhenRowsWaitLongerThanTheSloBehindTheNewestCommit() {
    FreshnessWatch watch = watch();
    watch.newest(7L, T);
    watch.input(T + 500);
    assertThat(watch.decide(T + 10_500)).isEmpty();

    FreshnessAlert alert = watch.decide(T + 10_501).orElseThrow();

    assertThat(alert.kind()).isEqualTo(FreshnessAlert.Kind.BREACHED);
    assertThat(alert.alertId()).isEqualTo("orders/sales.orders@freshness/7/breached");
    assertThat(alert.newestCommitAt()).isEqualTo(Instant.ofEpochMilli(T));
    assertThat(alert.lastInputAt()).isEqualTo(Instant.ofEpochMilli(T + 500));
    assertThat(alert.breachedSince()).isEqualTo(Instant.ofEpochMilli(T + 10_500));
    assertThat(watch.breached()).isTrue();
    assertThat(watch.decide(T + 20_000)).isEmpty();
  }

  @Test
  void recoversOnceANewerCommitIsWithinTheSlo() {
    FreshnessWatch watch = watch();
    watch.newest(7L, T);
    watch.input(T + 500);
    assertThat(watch.decide(T + 11_000)).isPresent();
    watch.input(T + 12_000);

    watch.newest(8L, T + 13_000);
    FreshnessAlert alert = watch.decide(T + 13_500).orElseThrow();

    assertThat(alert.kind()).isEqualTo(FreshnessAlert.Kind.RECOVERED);
    assertThat(alert.alertId()).isEqualTo("orders/sales.orders@freshness/7/recovered");
    assertThat(alert.breachedSince()).isEqualTo(Instant.ofEpochMilli(T + 10_500));
    assertThat(alert.newestCommitAt()).isEqualTo(Instant.ofEpochMilli(T + 13_000));
    assertThat(watch.breached()).isFalse();
  }

  @Test
  void anIdleTableWithEverythingCommittedNeverBreaches() {
    FreshnessWatch watch = watch();
    watch.input(T);
    watch.newest(7L, T + 1_000);

    assertThat(watch.decide(T + 3_600_000)).isEmpty();
  }

  @Test
  void inputResumingAfterAnIdleSpellGetsOneSloToBeCommitted() {
    FreshnessWatch watch = watch();
    watch.newest(7L, T);
    watch.input(T + 3_600_000);

    assertThat(watch.decide(T + 3_600_000 + 10_000)).isEmpty();
    assertThat(watch.decide(T + 3_600_000 + 10_001)).isPresent();
  }

  @Test
  void aTableWithoutSnapshotsBreachesWhenItsFirstRowsStayUncommitted() {
    FreshnessWatch watch = watch();
    watch.newest(null, null);
    watch.input(T);

    FreshnessAlert alert = watch.decide(T + 10_001).orElseThrow();

    assertThat(alert.alertId()).isEqualTo("orders/sales.orders@freshness/none/breached");
    assertThat(alert.toJson()).contains("\"stale_snapshot_id\":null", "\"newest_commit_at\":null");
  }

  @Test
  void decidesNothingBeforeTheCatalogWasReadOrWithoutAnSlo() {
    FreshnessWatch unread = watch();
    unread.input(T);
    FreshnessWatch noSlo = new FreshnessWatch("orders", "sales.orders", null);
    noSlo.newest(7L, T);
    noSlo.input(T + 1);

    assertThat(unread.decide(T + 60_000)).isEmpty();
    assertThat(noSlo.decide(T + 60_000)).isEmpty();
  }

  @Test
  void aRestoredWatchSendsTheSameBreachIdAndNoSecondBreach() throws IOException {
    FreshnessWatch before = watch();
    before.newest(7L, T);
    before.input(T + 500);
    FreshnessAlert breach = before.decide(T + 11_000).orElseThrow();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      before.write(out);
    }

    FreshnessWatch after = watch();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      after.read(in);
    }
    after.newest(7L, T);

    assertThat(after.breached()).isTrue();
    assertThat(after.decide(T + 20_000)).isEmpty();
    after.newest(8L, T + 19_000);
    assertThat(after.decide(T + 20_000).orElseThrow().alertId())
        .isEqualTo(breach.alertId().replace("/breached", "/recovered"));
  }

  @Test
  void checksEveryQuarterOfTheSloBetweenOneAndFifteenSeconds() {
    assertThat(CommitMonitor.checkEvery(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
    assertThat(CommitMonitor.checkEvery(Duration.ofSeconds(10)))
        .isEqualTo(Duration.ofMillis(2_500));
    assertThat(CommitMonitor.checkEvery(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(15));
    assertThat(CommitMonitor.checkEvery(null)).isEqualTo(Duration.ofSeconds(15));
  }
}
