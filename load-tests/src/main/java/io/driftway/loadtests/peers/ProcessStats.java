package io.driftway.loadtests.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time (user + system, all threads) and peak resident set, from Linux's {@code
 * /proc/<pid>/stat} and {@code /proc/<pid>/status}: what the process itself used, whatever else
 * runs on the machine.
 *
 * <pre>{@code
 * ProcessStats before = ProcessStats.of(pid);
 * // ... work ...
 * double cpu = ProcessStats.of(pid).cpuSeconds() - before.cpuSeconds();
 * }</pre>
 *
 * @param cpuSeconds utime + stime so far
 * @param peakRssBytes {@code VmHWM}: the highest resident set so far
 */
public record ProcessStats(double cpuSeconds, long peakRssBytes) {

  /** {@code USER_HZ}: the unit of /proc's CPU times, 100 on every Linux architecture we run on. */
  private static final double TICKS_PER_SECOND = 100.0;

  /** Reads the stats of process {@code pid}. */
  public static ProcessStats of(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      String stat = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
      // The command name (field 2) is in parentheses and may hold spaces: count from after it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
      // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      long hwmKb = 0;
      for (String line : Files.readAllLines(proc.resolve("status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          hwmKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new ProcessStats(ticks / TICKS_PER_SECOND, hwmKb * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read process stats: " + e.getMessage() + ": " + proc, e);
    }
  }
}
