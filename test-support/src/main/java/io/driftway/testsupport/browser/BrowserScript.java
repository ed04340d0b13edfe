package io.driftway.testsupport.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.embedded.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one browser scenario, a Node script that calls {@code
 * require('driftway-browser').scenario(async ({page, input, shot}) => ...)}, as a child process
 * with a deadline, and returns what it saw as JSON.
 *
 * <p>The browser is Debian's {@code /usr/bin/chromium} (installed by {@code .ci/run}), driven
 * headless by {@code playwright-core}, version-locked by {@code
 * test-support/browser/package-lock.json} and installed with {@code npm ci} when missing.
 * playwright-core downloads no browser; the scenario names the executable.
 *
 * <pre>{@code
 * BrowserResult seen = BrowserScript.run(
 *     Path.of("src/test/browser/timeline.js"),
 *     Map.of("url", bridge.endpoint() + "/console", "screenshotDir", "target/console-screenshots"),
 *     workDir, Duration.ofSeconds(60));
 * assertThat(seen.events().path("dialogs")).isEmpty();
 * assertThat(seen.result().path("versions").size()).isEqualTo(3);
 * }</pre>
 */
public final class BrowserScript {

  /** Where the scenario runner expects Chromium. */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private static final Duration INSTALL_LIMIT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private BrowserScript() {}

  /**
   * What a scenario returned and what the page did on the side.
   *
   * @param result the value the scenario's function returned
   * @param events {@code dialogs}, {@code consoleErrors} and {@code pageErrors}, each a list of
   *     text, across every page the scenario opened
   */
  public record BrowserResult(JsonNode result, JsonNode events) {}

  /**
   * Runs {@code script} with {@code input} (any JSON-serialisable map), its output logged into
   * {@code workDir}, and fails with the script's error and log when it fails or outlives {@code
   * limit}.
   */
  public static BrowserResult run(Path script, Map<String, ?> input, Path workDir, Duration limit) {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException(
          "Cannot run browser scenario: no Chromium (apt-get install chromium, as .ci/run does): "
              + CHROMIUM);
    }
    Path home = packageDirectory();
    String name = script.getFileName().toString().replaceFirst("\\.js$", "");
    try {
      Files.createDirectories(workDir);
      installIfMissing(home, workDir.resolve("npm-ci-browser.log"));
      Path inputFile = workDir.resolve(name + "-input.json");
      Path resultFile = workDir.resolve(name + "-result.json");
      Path log = workDir.resolve(name + ".log");
      Files.deleteIfExists(resultFile);
      JSON.writeValue(inputFile.toFile(), input);
      List<String> command =
          new ArrayList<>(
              List.of(
                  "node",
                  script.toAbsolutePath().toString(),
                  inputFile.toString(),
                  resultFile.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder
          .environment()
          .put("NODE_PATH", home + java.io.File.pathSeparator + home.resolve("node_modules"));
      Process process = builder.start();
      try {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new IllegalStateException(
              "Cannot run browser scenario: still running after " + limit + ": " + tail(log));
        }
      } catch (InterruptedException e) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Cannot run browser scenario: interrupted: " + name, e);
      }
      if (!Files.isRegularFile(resultFile)) {
        throw new IllegalStateException(
            "Cannot run browser scenario: exit code "
                + process.exitValue()
                + " and no result: "
                + tail(log));
      }
      JsonNode outcome = JSON.readTree(resultFile.toFile());
      if (!outcome.path("ok").asBoolean()) {
        throw new IllegalStateException(
            "Cannot run browser scenario: "
                + name
                + ": "
                + outcome.path("error").asText()
                + "\nevents: "
                + outcome.path("events")
                + "\n"
                + tail(log));
      }
      return new BrowserResult(outcome.path("result"), outcome.path("events"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run browser scenario: " + e.getMessage(), e);
    }
  }

  /** {@code test-support/browser} in this repository, where package.json lives. */
  static Path packageDirectory() {
    String root = System.getProperty("driftway.repo.root");
    Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
      Path home = candidate.resolve("test-support").resolve("browser");
      if (Files.isRegularFile(home.resolve("driftway-browser.js"))) {
        return home;
      }
    }
    throw new IllegalStateException(
        "Cannot find the browser harness: no test-support/browser/driftway-browser.js above: "
            + start);
  }

  private static void installIfMissing(Path home, Path log) throws IOException {
    Path lockFile = home.resolve(".install.lock");
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      if (Files.isRegularFile(home.resolve("node_modules/playwright-core/package.json"))) {
        return;
      }
      ChildProcess.run(
          "npm ci (playwright-core)",
          List.of("npm", "ci", "--no-audit", "--no-fund"),
          home,
          log,
          INSTALL_LIMIT);
    }
  }

  private static String tail(Path log) {
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
}
