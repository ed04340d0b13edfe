package io.driftway.loadtests.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A process's CPU time (user + system, all threads), the part of it its JIT compiler threads used,
 * and its peak resident set, from Linux's {@code /proc/<pid>/stat}, {@code
 * /proc/<pid>/task/<tid>/stat} and {@code /proc/<pid>/status}: what the process itself used,
 * whatever else runs on the machine.
 *
 * <pre>{@code
 * ProcessStats before = ProcessStats.of(pid);
 * // ... work ...
 * double cpu = ProcessStats.of(pid).cpuSeconds() - before.cpuSeconds();
 * }</pre>
 *
 * @param cpuSeconds utime + stime so far
 * @param jitCpuSeconds utime + stime so far of the HotSpot compiler threads alive now ({@code C1
 *     CompilerThre...}, {@code C2 CompilerThre...}): code compiled while the records run is warm-up
 *     that a pipeline running for days no longer pays
 * @param peakRssBytes {@code VmHWM}: the highest resident set so far
 */
public record ProcessStats(double cpuSeconds, double jitCpuSeconds, long peakRssBytes) {

  /** {@code USER_HZ}: the unit of /proc's CPU times, 100 on every Linux architecture we run on. */
  private static final double TICKS_PER_SECOND = 100.0;

  /** Reads the stats of process {@code pid}. */
  public static ProcessStats of(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      long ticks = ticks(Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII));
      long jitTicks = 0;
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
        for (Path task : tasks) {
          jitTicks += compilerTicks(task);
        }
      }
      long hwmKb = 0;
      for (String line : Files.readAllLines(proc.resolve("status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          hwmKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new ProcessStats(ticks / TICKS_PER_SECOND, jitTicks / TICKS_PER_SECOND, hwmKb * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read process stats: " + e.getMessage() + ": " + proc, e);
    }
  }

  /** The CPU ticks of thread {@code task} when it is a JIT compiler thread, else 0. */
  private static long compilerTicks(Path task) {
    try {
      String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
      String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")
          ? ticks(stat)
          : 0;
    } catch (NoSuchFileException exited) {
      // A thread that ended between listing and reading: not a compiler thread, which the peers
      // keep for their whole life (PeerProcess turns off HotSpot's dynamic compiler threads).
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read thread stats: " + e.getMessage() + ": " + task, e);
    }
  }

  /** utime + stime of a {@code stat} line. */
  private static long ticks(String stat) {
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
