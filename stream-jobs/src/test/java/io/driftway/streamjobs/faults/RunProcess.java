package io.driftway.streamjobs.faults;

import io.driftway.streamjobs.cli.Driftway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code driftway run <pipeline>} in a JVM of its own, as the {@code ./driftway} launcher runs it:
 * the build's classpath, Flink's plugins (the S3 file system) from {@code
 * stream-jobs/target/plugins}, its output in {@code <dir>/<name>-out.txt} and {@code -err.txt}.
 */
final class RunProcess {

  private static final Path REPO = Path.of(System.getProperty("driftway.repo.root", ".."));

  private RunProcess() {}

  /** Starts the run; {@code options} go after the pipeline file, e.g. {@code --metrics-port}. */
  static Process start(Path pipeline, Path dir, String name, String... options) throws IOException {
    return start(true, List.of("-Xmx1g"), pipeline, dir, name, options);
  }

  /**
   * Starts the run with its heap bounded to {@code maxHeap} ({@code -Xmx}, e.g. {@code 512m}); an
   * OutOfMemoryError anywhere ends the JVM, so a test sees it as a process that is gone.
   */
  static Process startWithHeap(
      String maxHeap, Path pipeline, Path dir, String name, String... options) throws IOException {
    return start(
        true,
        List.of("-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError"),
        pipeline,
        dir,
        name,
        options);
  }

  /** Starts the run as a launcher without Flink's plugin folder would. */
  static Process startWithoutPlugins(Path pipeline, Path dir, String name, String... options)
      throws IOException {
    return start(false, List.of("-Xmx1g"), pipeline, dir, name, options);
  }

  private static Process start(
      boolean plugins,
      List<String> jvmOptions,
      Path pipeline,
      Path dir,
      String name,
      String... options)
      throws IOException {
    Path target = REPO.resolve("stream-jobs").resolve("target").toAbsolutePath();
    String classpath =
        target.resolve("classes")
            + ":"
            + Files.readString(target.resolve("classpath.txt"), StandardCharsets.UTF_8).trim();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Daws.cborEnabled=false");
    command.addAll(
        List.of(
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED"));
    command.addAll(List.of("-cp", classpath, Driftway.class.getName(), "run", pipeline.toString()));
    command.addAll(List.of(options));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve(name + "-out.txt").toFile())
            .redirectError(dir.resolve(name + "-err.txt").toFile());
    if (plugins) {
      builder.environment().put("FLINK_PLUGINS_DIR", target.resolve("plugins").toString());
    } else {
      builder.environment().remove("FLINK_PLUGINS_DIR");
    }
    return builder.start();
  }
}
