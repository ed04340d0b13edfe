package io.driftway.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball as a user gets it: unpacked into an empty temporary folder, far from this
 * checkout and from Maven, and run with a Java runtime alone (JAVA_HOME, a bare PATH).
 */
class DistributionIT {

  /** A JVM start on a busy 2-core machine; the commands themselves take a second or two. */
  private static final Duration COMMAND_DEADLINE = Duration.ofMinutes(2);

  private static final String VERSION = System.getProperty("driftway.distribution.version");

  @TempDir static Path root;

  /** Where the tarball is unpacked, alone. */
  private static Path folder;

  /** The processes' HOME and the bridge's store: beside the unpacked folder, not in it. */
  private static Path work;

  private static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    Path tarball = Path.of(System.getProperty("driftway.distribution.tarball"));
    assertThat(tarball).as("the tarball built by this module's package phase").isRegularFile();
    folder = Files.createDirectory(root.resolve("unpacked"));
    work = Files.createDirectory(root.resolve("work"));
    Result untar = run(List.of("tar", "-xzf", tarball.toString(), "-C", folder.toString()));
    assertThat(untar.exitCode()).as(untar.output()).isZero();
    home = folder.resolve("driftway-" + VERSION);
  }

  @Test
  void unpacksIntoOneFolderWithLauncherLibrariesConfigExamplesAndLicenses() throws IOException {
    try (Stream<Path> top = Files.list(folder)) {
      assertThat(top.map(p -> p.getFileName().toString())).containsExactly("driftway-" + VERSION);
    }
    assertThat(home.resolve("bin/driftway")).isExecutable();
    assertThat(home.resolve("conf/log4j2.properties")).isRegularFile();
    assertThat(home.resolve("examples/kafka-json.yaml")).isRegularFile();
    assertThat(home.resolve("examples/catalog.example.yaml")).isRegularFile();
    // Flink's S3 file system, a plugin beside lib/ (checkpoints on S3 for `driftway run`).
    assertThat(home.resolve("plugins/s3-fs-hadoop/flink-s3-fs-hadoop-2.1.1.jar")).isRegularFile();
    assertThat(Files.readString(home.resolve("LICENSE")))
        .contains("Apache License", "Version 2.0, January 2004");
  }

  @Test
  void noticeNamesEveryBundledThirdPartyJarWithItsLicense() throws IOException {
    String notice = Files.readString(home.resolve("NOTICE"));
    Matcher entry =
        Pattern.compile("(?m)^  - ([^:\\s]+):([^:\\s]+):([^:\\s]+) \\((.+)\\)$").matcher(notice);
    Set<String> prefixes = new java.util.HashSet<>();
    while (entry.find()) {
      prefixes.add(entry.group(2) + "-" + entry.group(3));
      assertThat(entry.group(4)).as(entry.group()).isNotBlank();
    }
    assertThat(notice)
        .contains("org.apache.iceberg:iceberg-core:1.11.0 (")
        .doesNotContain("io.driftway:");
    List<String> thirdParty;
    try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
      thirdParty =
          lib.map(p -> p.getFileName().toString())
              .filter(jar -> !jar.endsWith("-" + VERSION + ".jar"))
              .sorted()
              .collect(Collectors.toList());
    }
    assertThat(thirdParty)
        .as("jars in lib/ that NOTICE does not name")
        .filteredOn(jar -> prefixes.stream().noneMatch(jar::startsWith))
        .isEmpty();
    assertThat(prefixes).as("one NOTICE entry per third-party jar").hasSameSizeAs(thirdParty);
    assertThat(notice)
        .contains("bundles the following " + thirdParty.size() + " third-party artifacts");
  }

  @Test
  void printsTheReleaseVersion() throws Exception {
    Result version = run(List.of("bin/driftway", "--version"));

    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output()).isEqualTo("driftway " + VERSION + "\n");
  }

  @Test
  void validatesAnExamplePipeline() throws Exception {
    Result validate = run(List.of("bin/driftway", "validate", "examples/kafka-json.yaml"));

    assertThat(validate.exitCode()).as(validate.output()).isZero();
    assertThat(validate.output()).startsWith("OK: pipeline orders: 1 source(s), format json");
  }

  @Test
  void servesTheCatalogToTheAwsCli() throws Exception {
    Path awsCli = Path.of("/usr/bin/aws");
    assertThat(awsCli).as("the AWS CLI (Debian awscli; .ci/run installs it)").isExecutable();
    ProcessBuilder serve =
        launcher(
            List.of(
                "bin/driftway",
                "catalog",
                "serve",
                "--auth",
                "none",
                "--port",
                "0",
                "--store-url",
                "jdbc:h2:file:" + work.resolve("catalog/db")));
    Process bridge = serve.start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> readLines(bridge, lines), "bridge-output");
    reader.setDaemon(true);
    reader.start();
    try {
      Pattern ready = Pattern.compile("Catalog bridge ready: (http://127\\.0\\.0\\.1:\\d+)/?.*");
      String endpoint =
          await("the bridge's ready line")
              .atMost(COMMAND_DEADLINE)
              .until(
                  () -> {
                    assertThat(bridge.isAlive()).as("bridge running; output: %s", lines).isTrue();
                    return lines.stream()
                        .map(ready::matcher)
                        .filter(Matcher::matches)
                        .map(m -> m.group(1))
                        .findFirst();
                  },
                  Optional::isPresent)
              .orElseThrow();

      Result create =
          aws(awsCli, endpoint, "create-database", "--database-input", "Name=release_check");
      assertThat(create.exitCode()).as(create.output()).isZero();
      Result databases = aws(awsCli, endpoint, "get-databases", "--output", "json");

      assertThat(databases.exitCode()).as(databases.output()).isZero();
      assertThat(databases.output()).contains("\"Name\": \"release_check\"");
    } finally {
      bridge.destroy();
      assertThat(bridge.waitFor(COMMAND_DEADLINE.toSeconds(), TimeUnit.SECONDS))
          .as("bridge stops on SIGTERM; output: %s", lines)
          .isTrue();
    }
  }

  private static Result aws(Path awsCli, String endpoint, String... command) throws Exception {
    List<String> line = new ArrayList<>(List.of(awsCli.toString(), "glue"));
    line.addAll(List.of(command));
    line.addAll(List.of("--endpoint-url", endpoint));
    ProcessBuilder builder = launcher(line);
    Map<String, String> env = builder.environment();
    env.put("AWS_ACCESS_KEY_ID", "AKIDRELEASECHECK");
    env.put("AWS_SECRET_ACCESS_KEY", "dummy-secret");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
    env.put("AWS_PAGER", "");
    return finish(builder.start());
  }

  /**
   * A process in the unpacked folder with what a user's shell would have and nothing of this build:
   * JAVA_HOME (this test's runtime), HOME, a system PATH; no Maven, no CLASSPATH, no checkout.
   */
  private static ProcessBuilder launcher(List<String> command) {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(home == null ? folder.toFile() : home.toFile());
    builder.redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", work.toString());
    env.put("LANG", "C.UTF-8");
    return builder;
  }

  private static Result run(List<String> command) throws Exception {
    return finish(launcher(command).start());
  }

  private static Result finish(Process process) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> readLines(process, lines), "command-output");
    reader.setDaemon(true);
    reader.start();
    if (!process.waitFor(COMMAND_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Cannot finish command in " + COMMAND_DEADLINE + ": " + lines);
    }
    reader.join(COMMAND_DEADLINE.toMillis());
    return new Result(
        process.exitValue(), lines.stream().map(l -> l + "\n").collect(Collectors.joining()));
  }

  private static void readLines(Process process, List<String> lines) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(output unreadable: " + e + ")");
    }
  }

  private record Result(int exitCode, String output) {}
}
