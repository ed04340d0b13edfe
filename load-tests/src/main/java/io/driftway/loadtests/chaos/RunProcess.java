package io.driftway.loadtests.chaos;

import io.driftway.streamjobs.cli.Driftway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code driftway run <pipeline>} in a JVM of its own, as the launcher script starts it, on the
 * bench's classpath with Flink's plugins from {@code bench.flink-plugins}; its output goes to
 * {@code run-<n>.log} in the work folder. Each start is a new process: after a SIGKILL the next one
 * resumes from the newest retained checkpoint.
 */
final class RunProcess {

  private static final Pattern RESUMED = Pattern.compile("resumed from (\\S+?)\\.? Ctrl-C");

  private final Path pipeline;
  private final Path dir;
  private final String heap;
  private final Path log4j;
  private int starts;
  private Process process;
  private Path log;

  RunProcess(Path pipeline, Path dir, String heap) throws IOException {
    this.pipeline = pipeline;
    this.dir = dir;
    this.heap = heap;
    this.log4j = dir.resolve("run-log4j2.properties");
    Files.writeString(
        log4j,
        """
        rootLogger.level = WARN
        rootLogger.appenderRef.out.ref = out
        appender.out.type = Console
        appender.out.name = out
        appender.out.layout.type = PatternLayout
        appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
        # Iceberg warns once per record when the dynamic sink's rows arrive with schema objects
        # it has not seen (they do: rows cross a network edge into its generator), hundreds of
        # thousands of lines in a long run; the bench counts on the row checks instead.
        logger.metadatacache.name = org.apache.iceberg.flink.sink.dynamic.TableMetadataCache
        logger.metadatacache.level = ERROR
        """,
        StandardCharsets.UTF_8);
  }

  /** Starts a new {@code driftway run} process. */
  void start() throws IOException {
    starts++;
    log = dir.resolve("run-" + starts + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-Daws.cborEnabled=false");
    command.add("-Dlog4j2.configurationFile=" + log4j);
    // As the ./driftway launcher starts it.
    command.add("--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED");
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Driftway.class.getName());
    command.addAll(List.of("run", pipeline.toString(), "--metrics-port", "0"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Flink's S3 file system plugin, for checkpoints on S3 (the launcher sets the same).
    String plugins = System.getProperty("bench.flink-plugins", "");
    if (!plugins.isBlank()) {
      builder.environment().put("FLINK_PLUGINS_DIR", plugins);
    }
    process = builder.start();
  }

  /** SIGKILL: the JVM gets no chance to stop, flush or commit anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Cannot kill driftway run: still alive after 60 s: " + pid());
    }
  }

  /**
   * SIGTERM: {@code driftway run} stops its job with a savepoint; SIGKILL when that takes longer
   * than {@code seconds}. Returns the exit code.
   */
  int stop(long seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
    }
    return process.exitValue();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The exit code of the process that ended by itself. */
  int exitValue() {
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  /** How many times {@code driftway run} was started. */
  int starts() {
    return starts;
  }

  Path log() {
    return log;
  }

  /** What run {@code n} (from 1) said it resumed from, empty when it started fresh or unknown. */
  Optional<String> resumedFrom(int n) {
    try {
      Path file = dir.resolve("run-" + n + ".log");
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      Matcher matcher = RESUMED.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
      return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read run log: " + e.getMessage(), e);
    }
  }
}
