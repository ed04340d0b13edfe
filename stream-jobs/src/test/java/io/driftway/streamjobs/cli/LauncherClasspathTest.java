package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classpath {@code ./driftway} runs the CLI with: the build writes it to {@code
 * stream-jobs/target/classpath.txt} before the tests run, so these tests read the file a user's JVM
 * gets.
 */
class LauncherClasspathTest {

  private static final Path CLASSPATH =
      Path.of(
          System.getProperty("driftway.repo.root", ".."), "stream-jobs", "target", "classpath.txt");

  /** What only tests may load, by a path fragment of its jars (or a reactor module's folder). */
  private static final Map<String, List<String>> TEST_ONLY =
      Map.of(
          "JUnit", List.of("/org/junit/", "/junit/junit/", "/org/opentest4j/"),
          "AssertJ", List.of("/org/assertj/"),
          "Awaitility", List.of("/org/awaitility/"),
          "S3Proxy", List.of("/org/gaul/"),
          "embedded PostgreSQL", List.of("/io/zonky/"),
          "test-support", List.of("/io/driftway/test-support/", "/test-support/target/"));

  private static List<String> entries;

  @BeforeAll
  static void readClasspath() throws IOException {
    assertThat(CLASSPATH).as("the launcher classpath the build writes").isRegularFile();
    entries =
        Arrays.stream(Files.readString(CLASSPATH, StandardCharsets.UTF_8).trim().split(":", -1))
            .filter(entry -> !entry.isEmpty())
            .toList();
  }

  @Test
  void holdsNoTestLibraryAndNoTestOnlyServer() {
    Map<String, List<String>> found = new TreeMap<>();
    TEST_ONLY.forEach(
        (name, fragments) -> {
          List<String> jars =
              entries.stream().filter(e -> fragments.stream().anyMatch(e::contains)).toList();
          if (!jars.isEmpty()) {
            found.put(name, jars);
          }
        });

    assertThat(found).as("test-only entries in " + CLASSPATH).isEmpty();
  }

  @Test
  void holdsTheServersTheDemoAndEmbeddedBackfillsStart() {
    // Guards the check above against passing on a file that lost its entries.
    assertThat(entries)
        .anyMatch(e -> e.contains("/io/driftway/embedded/") || e.contains("/embedded/target/"))
        .anyMatch(e -> e.contains("/kafka_2.13-"))
        .anyMatch(e -> e.contains("/flink-runtime-"));
  }
}
