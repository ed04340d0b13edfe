package io.driftway.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.catalogbridge.metrics.BridgeMetrics;
import io.driftway.connectors.metrics.PipelineMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/grafana/driftway-dashboard.json queries only metrics Driftway exports (its own, and the
 * Flink, Kafka-source and Iceberg metrics the README documents), so a renamed metric fails here
 * instead of leaving an empty panel.
 */
class GrafanaDashboardTest {

  private static final Path DASHBOARD =
      Path.of(System.getProperty("driftway.repo.root", ".."))
          .resolve("docker/grafana/driftway-dashboard.json");
  private static final Pattern METRIC = Pattern.compile("\\b((?:flink|driftway)_[A-Za-z0-9_]+)");

  @Test
  void queriesOnlyMetricsDriftwayExports() throws IOException {
    Set<String> queried = metricNames(queries(new ObjectMapper().readTree(DASHBOARD.toFile())));
    Set<String> exported = new TreeSet<>();
    exported.addAll(PipelineMetrics.PROMETHEUS_NAMES);
    exported.addAll(PipelineMetrics.FLINK_PROMETHEUS_NAMES);
    exported.addAll(BridgeMetrics.NAMES);

    assertThat(queried).isNotEmpty();
    assertThat(exported).as("metrics the dashboard queries").containsAll(queried);
  }

  @Test
  void showsEveryDriftwayMetric() throws IOException {
    Set<String> queried = metricNames(queries(new ObjectMapper().readTree(DASHBOARD.toFile())));

    assertThat(queried)
        .containsAll(PipelineMetrics.PROMETHEUS_NAMES)
        .contains(
            BridgeMetrics.REQUESTS,
            BridgeMetrics.REQUEST_SECONDS + "_bucket",
            BridgeMetrics.COMMITS,
            BridgeMetrics.COMMIT_CONFLICTS,
            BridgeMetrics.JOB_RUNS);
  }

  /** Every PromQL text in the dashboard: panel targets and template variable queries. */
  private static List<String> queries(JsonNode node) {
    List<String> found = new ArrayList<>();
    collect(node, found);
    return found;
  }

  private static void collect(JsonNode node, List<String> found) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (value.isTextual()
                    && (key.equals("expr") || key.equals("query") || key.equals("definition"))) {
                  found.add(value.asText());
                } else {
                  collect(value, found);
                }
              });
    } else if (node.isArray()) {
      node.forEach(item -> collect(item, found));
    }
  }

  private static Set<String> metricNames(List<String> queries) {
    Set<String> names = new TreeSet<>();
    for (String query : queries) {
      Matcher matcher = METRIC.matcher(query);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }
}
