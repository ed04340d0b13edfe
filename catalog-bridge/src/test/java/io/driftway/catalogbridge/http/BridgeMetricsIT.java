package io.driftway.catalogbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.TestBridges;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.TableInput;

/** {@code GET /metrics}: what a Prometheus scrape of the bridge reads after real Glue calls. */
class BridgeMetricsIT {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(URI endpoint, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(endpoint.resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void countsRequestsCommitsAndConflictsWithoutAuthentication(@TempDir Path dir) throws Exception {
    try (CatalogBridge bridge = TestBridges.start(dir);
        GlueClient glue = TestBridges.admin(bridge)) {
      String db = TestBridges.name("metrics");
      glue.createDatabase(r -> r.databaseInput(d -> d.name(db)));
      glue.createTable(r -> r.databaseName(db).tableInput(TableInput.builder().name("t").build()));
      TableInput changed =
          TableInput.builder().name("t").parameters(java.util.Map.of("k", "v")).build();
      glue.updateTable(r -> r.databaseName(db).tableInput(changed).versionId("0"));
      assertThatThrownBy(
              () -> glue.updateTable(r -> r.databaseName(db).tableInput(changed).versionId("0")))
          .isInstanceOf(ConcurrentModificationException.class);
      assertThatThrownBy(() -> glue.getTable(r -> r.databaseName(db).name("missing")))
          .isInstanceOf(EntityNotFoundException.class);

      HttpResponse<String> scrape = get(bridge.endpoint(), "/metrics");

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      List<String> lines = scrape.body().lines().toList();
      assertThat(lines)
          .contains(
              "driftway_bridge_requests_total{operation=\"CreateDatabase\",outcome=\"ok\"} 1.0",
              "driftway_bridge_requests_total{operation=\"UpdateTable\",outcome=\"ok\"} 1.0",
              "driftway_bridge_requests_total{operation=\"UpdateTable\","
                  + "outcome=\"ConcurrentModificationException\"} 1.0",
              "driftway_bridge_requests_total{operation=\"GetTable\","
                  + "outcome=\"EntityNotFoundException\"} 1.0",
              "driftway_bridge_commits_total 1.0",
              "driftway_bridge_commit_conflicts_total 1.0",
              "driftway_bridge_request_duration_seconds_count{operation=\"UpdateTable\"} 2",
              "driftway_bridge_job_runs{state=\"RUNNING\"} 0.0");
      assertThat(lines)
          .anyMatch(
              line ->
                  line.startsWith(
                      "driftway_bridge_request_duration_seconds_bucket{operation=\"CreateTable\","
                          + "le=\"+Inf\"} 1"));
    }
  }

  @Test
  void servesNoMetricsWhenTurnedOff(@TempDir Path dir) throws Exception {
    try (CatalogBridge bridge =
        CatalogBridge.start(
            TestBridges.config(dir).set(BridgeOptions.SERVER_METRICS, false).build())) {
      assertThat(get(bridge.endpoint(), "/metrics").statusCode()).isEqualTo(400);
    }
  }
}
