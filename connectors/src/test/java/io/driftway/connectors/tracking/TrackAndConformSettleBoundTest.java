package io.driftway.connectors.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A settling tracker reading a drifting backlog (barriers late, here none until the end) holds at
 * most its bound of schema-moving records: at the bound it settles as a barrier would, and every
 * row leaves once, in the order read.
 */
class TrackAndConformSettleBoundTest {

  @TempDir Path folder;

  @Test
  void withoutABoundEveryRecordAfterTheFirstDriftWaitsForTheBarrier() throws Exception {
    DriftingBacklog.Outcome outcome =
        DriftingBacklog.run(folder, 3_000, 500, new SettleBound(Integer.MAX_VALUE, Long.MAX_VALUE));

    // The table does not exist before the barrier, so nothing fits it: the whole backlog waits.
    assertThat(outcome).isEqualTo(new DriftingBacklog.Outcome(3_000, 0, 1, 3_000));
  }

  @Test
  void theRecordBoundSettlesEarlyOncePerDriftAndKeepsOrderAndCounts() throws Exception {
    DriftingBacklog.Outcome outcome =
        DriftingBacklog.run(folder, 3_000, 500, new SettleBound(100, Long.MAX_VALUE));

    // Six new fields (f0..f5), each settled once when 100 records wait for it.
    assertThat(outcome).isEqualTo(new DriftingBacklog.Outcome(3_000, 0, 6, 100));
  }

  @Test
  void theByteBoundSettlesEarlyToo() throws Exception {
    // Each record is a little over 1 KB: 50 of them pass 50,000 bytes.
    DriftingBacklog.Outcome outcome =
        DriftingBacklog.run(folder, 3_000, 500, new SettleBound(Integer.MAX_VALUE, 50_000));

    assertThat(outcome.rows()).isEqualTo(3_000);
    assertThat(outcome.outOfOrder()).isZero();
    assertThat(outcome.alerts()).isEqualTo(6);
    assertThat(outcome.peakHeld()).isBetween(40, 50);
  }

  @Test
  void aBacklogOf250MegabytesRunsInA128MegabyteHeapWithTheDefaultBound() throws Exception {
    // 250,000 drifting 1 KB records in one interval: unbounded, all of them would wait (250 MB).
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path log = folder.resolve("child.log");
    Process child =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xmx128m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-cp",
                    System.getProperty("java.class.path"),
                    DriftingBacklog.class.getName(),
                    "250000",
                    "50000",
                    Integer.toString(SettleBound.DEFAULT_MAX_RECORDS)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean exited = child.waitFor(5, TimeUnit.MINUTES);
    if (!exited) {
      child.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(exited).as(output).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output)
        .contains(
            "Outcome[rows=250000, outOfOrder=0, alerts=5, peakHeld="
                + SettleBound.DEFAULT_MAX_RECORDS
                + "]");
  }
}
