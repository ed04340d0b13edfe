package io.driftway.embedded.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server running as a child process, its output in a log file, watched by a {@link
 * ProcessReaper}.
 *
 * <pre>{@code
 * ChildProcess node = ChildProcess.start(List.of("node", "server.js"), workDir, logFile);
 * String port = node.awaitLogMatch(Pattern.compile("PORT=(\\d+)"), Duration.ofSeconds(30));
 * }</pre>
 */
public final class ChildProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} in {@code workDir}, stdout and stderr appended to {@code log}. */
  public static ChildProcess start(String name, List<String> command, Path workDir, Path log) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      ProcessReaper.watch(process.pid(), "TERM");
      return new ChildProcess(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start " + name + ": " + e.getMessage() + ": " + String.join(" ", command), e);
    }
  }

  /** Runs {@code command} to completion and fails with its output when it exits non-zero. */
  public static void run(
      String name, List<String> command, Path workDir, Path log, Duration limit) {
    ChildProcess child = start(name, command, workDir, log);
    try {
      if (!child.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        child.close();
        throw new IllegalStateException(
            "Cannot run " + name + ": still running after " + limit + ": " + child.tail());
      }
      if (child.process.exitValue() != 0) {
        throw new IllegalStateException(
            "Cannot run "
                + name
                + ": exit code "
                + child.process.exitValue()
                + ": "
                + child.tail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.close();
      throw new IllegalStateException("Cannot run " + name + ": interrupted", e);
    }
  }

  /**
   * Waits until the log has a line matching {@code pattern} and returns its first group, failing
   * early with the log's tail if the process exits first.
   */
  public String awaitLogMatch(Pattern pattern, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> match = firstMatch(pattern);
      if (match.isPresent()) {
        return match.get();
      }
      checkAlive();
      pause();
    }
    throw new IllegalStateException(
        "Cannot start "
            + name
            + ": no line matching "
            + pattern
            + " within "
            + limit
            + ": "
            + tail());
  }

  /** Fails with the log's tail when the process has exited. */
  public void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "Cannot use " + name + ": exited with code " + process.exitValue() + ": " + tail());
    }
  }

  public long pid() {
    return process.pid();
  }

  /** The last lines of the process log, for error messages. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "log "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "log " + log + " unreadable: " + e.getMessage();
    }
  }

  /** Stops the process: SIGTERM, then SIGKILL after 20 seconds. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private Optional<String> firstMatch(Pattern pattern) {
    try {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          return Optional.of(matcher.groupCount() > 0 ? matcher.group(1) : line);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read log of " + name + ": " + log, e);
    }
  }

  /** Polling interval while waiting on a condition that has its own deadline. */
  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot wait for child process: interrupted", e);
    }
  }
}
