package io.driftway.catalogbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bridge's packages depend on each other in one direction: the wiring ({@code CatalogBridge})
 * on everything, the Glue API on the registries, the registries on the store, never back. Read from
 * the sources, so it needs no bytecode tool.
 */
class PackageCyclesTest {

  private static final Path SOURCES = Path.of("src/main/java/io/driftway/catalogbridge");
  private static final Pattern REFERENCE =
      Pattern.compile("io\\.driftway\\.catalogbridge\\.(?:([a-z]\\w*)\\.|([A-Z]))");
  private static final String ROOT = "(root)";

  @Test
  void crawlersDoNotDependOnTheGlueApi() {
    assertThat(dependencies().get("crawlers")).doesNotContain("api");
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    Map<String, Set<String>> graph = dependencies();
    List<String> cycles = new ArrayList<>();
    for (String start : graph.keySet()) {
      findCycle(graph, start, new ArrayList<>(List.of(start)), cycles);
    }
    assertThat(cycles).isEmpty();
  }

  /** Adds every path from the last package of {@code path} back to its first one. */
  private static void findCycle(
      Map<String, Set<String>> graph, String start, List<String> path, List<String> cycles) {
    for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
      if (next.equals(start)) {
        cycles.add(String.join(" -> ", path) + " -> " + start);
      } else if (!path.contains(next) && next.compareTo(start) > 0) {
        path.add(next);
        findCycle(graph, start, path, cycles);
        path.remove(path.size() - 1);
      }
    }
  }

  /** Each package of the bridge's main sources, with the bridge packages its files name. */
  private static Map<String, Set<String>> dependencies() {
    assertThat(SOURCES).isDirectory();
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path folder = SOURCES.relativize(file.getParent());
        String from = folder.toString().isEmpty() ? ROOT : folder.toString().replace('/', '.');
        Set<String> targets = graph.computeIfAbsent(from, p -> new TreeSet<>());
        Matcher matcher = REFERENCE.matcher(Files.readString(file));
        while (matcher.find()) {
          String to = matcher.group(1) != null ? matcher.group(1) : ROOT;
          if (!to.equals(from)) {
            targets.add(to);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }
}
