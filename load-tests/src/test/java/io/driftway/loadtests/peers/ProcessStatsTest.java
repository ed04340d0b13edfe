package io.driftway.loadtests.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {

  @Test
  void readsThisJvmsCpuAndTheShareItsJitCompilerUsed() {
    long pid = ProcessHandle.current().pid();
    ProcessStats before = ProcessStats.of(pid);
    // Enough work that both the process's and the compiler threads' tick counters move.
    long spent = 0;
    long deadline = System.nanoTime() + 300_000_000L;
    while (System.nanoTime() < deadline) {
      spent += Long.toString(spent * 31 + 7).hashCode();
    }
    ProcessStats after = ProcessStats.of(pid);

    assertThat(spent).isNotZero();
    assertThat(after.cpuSeconds()).isGreaterThan(before.cpuSeconds());
    // A test JVM has compiled code before it gets here, on threads HotSpot names C1/C2.
    assertThat(after.jitCpuSeconds()).isPositive().isLessThan(after.cpuSeconds());
    assertThat(after.peakRssBytes()).isPositive();
  }

  @Test
  void namesTheProcessItCannotRead() {
    assertThatThrownBy(() -> ProcessStats.of(Long.MAX_VALUE))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("Cannot read process stats: ")
        .hasMessageEndingWith(": /proc/" + Long.MAX_VALUE);
  }
}
