package io.driftway.embedded.process;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Ends a server process once the JVM that started it is gone, even when that JVM was killed with
 * SIGKILL and ran no shutdown hook.
 *
 * <p>A tiny shell watcher polls both process ids; it leaves on its own when the server stops first,
 * and otherwise sends the server the given signal, then SIGKILL after a grace period.
 *
 * <pre>{@code
 * ProcessReaper.watch(postmasterPid, "INT");
 * }</pre>
 */
public final class ProcessReaper {

  private static final String WATCHER =
      "jvm=$1; child=$2; sig=$3; "
          + "while kill -0 \"$jvm\" 2>/dev/null && kill -0 \"$child\" 2>/dev/null; do sleep 1; done; "
          + "if kill -0 \"$child\" 2>/dev/null; then "
          + "kill -\"$sig\" \"$child\" 2>/dev/null; i=0; "
          + "while kill -0 \"$child\" 2>/dev/null && [ $i -lt 20 ]; do sleep 0.5; i=$((i+1)); done; "
          + "kill -KILL \"$child\" 2>/dev/null; fi";

  private ProcessReaper() {}

  /**
   * Watches {@code childPid} on behalf of this JVM.
   *
   * @param signal the polite signal name to send first, such as {@code TERM} or {@code INT}
   */
  public static void watch(long childPid, String signal) {
    long jvmPid = ProcessHandle.current().pid();
    try {
      new ProcessBuilder(
              "/bin/sh",
              "-c",
              WATCHER,
              "driftway-reaper",
              Long.toString(jvmPid),
              Long.toString(childPid),
              signal)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot watch child process: /bin/sh failed to start: pid " + childPid, e);
    }
  }
}
