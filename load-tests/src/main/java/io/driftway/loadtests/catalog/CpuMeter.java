package io.driftway.loadtests.catalog;

import io.driftway.loadtests.peers.ProcessStats;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU seconds (user + system) spent so far by this JVM (the Glue client and the bridge) and by a
 * database server's processes (the postmaster and its backends), from {@code /proc}. Two readings
 * around a phase give its CPU per call, which the load of other processes on a shared machine does
 * not raise the way it raises latency and lowers calls per second.
 *
 * <pre>{@code
 * CpuMeter meter = CpuMeter.of(postmasterPid);
 * CpuMeter.Reading before = meter.read();
 * // ... the calls ...
 * CpuMeter.Reading spent = meter.read().minus(before);
 * }</pre>
 */
final class CpuMeter {

  /** CPU seconds of this JVM and of the database's processes (0 without a database). */
  record Reading(double jvmSeconds, double dbSeconds, Map<Long, Double> dbByPid) {

    /** The CPU spent between {@code earlier} and this reading; a new backend counts from zero. */
    Reading minus(Reading earlier) {
      double db = 0;
      for (Map.Entry<Long, Double> process : dbByPid.entrySet()) {
        db += process.getValue() - earlier.dbByPid().getOrDefault(process.getKey(), 0.0);
      }
      return new Reading(jvmSeconds - earlier.jvmSeconds(), db, Map.of());
    }

    double totalSeconds() {
      return jvmSeconds + dbSeconds;
    }
  }

  private final long dbPid;

  private CpuMeter(long dbPid) {
    this.dbPid = dbPid;
  }

  /** A meter for this JVM and the process tree under {@code dbPid} (a negative pid: none). */
  static CpuMeter of(long dbPid) {
    return new CpuMeter(dbPid);
  }

  Reading read() {
    double jvm = ProcessStats.of(ProcessHandle.current().pid()).cpuSeconds();
    Map<Long, Double> db = new HashMap<>();
    if (dbPid >= 0) {
      db.put(dbPid, ProcessStats.of(dbPid).cpuSeconds());
      ProcessHandle.of(dbPid)
          .ifPresent(
              postmaster ->
                  postmaster
                      .descendants()
                      .forEach(
                          backend -> {
                            try {
                              db.put(backend.pid(), ProcessStats.of(backend.pid()).cpuSeconds());
                            } catch (RuntimeException exited) {
                              // Ended between listing and reading: its CPU is lost either way.
                            }
                          }));
    }
    double total = db.values().stream().mapToDouble(Double::doubleValue).sum();
    return new Reading(jvm, total, db);
  }
}
