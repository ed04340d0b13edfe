package io.driftway.streamjobs.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a job's state and the sum of its {@code driftway*} counters over all subtasks from a Flink
 * REST endpoint ({@code /jobs/<id>}, {@code /jobs/<id>/vertices/<v>/subtasks/metrics}).
 */
final class FlinkRestMetrics {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI rest;
  private final String jobId;

  FlinkRestMetrics(URI rest, String jobId) {
    String base = rest.toString();
    this.rest = URI.create(base.endsWith("/") ? base : base + "/");
    this.jobId = jobId;
  }

  /** Job state, and each {@code driftway*} counter summed over every vertex and subtask. */
  record Reading(String state, long startMillis, Map<String, Long> counters) {}

  Reading read() throws IOException, InterruptedException {
    JsonNode job = get("jobs/" + jobId);
    Map<String, Long> counters = new HashMap<>();
    for (JsonNode vertex : job.path("vertices")) {
      String base =
          "jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
      List<String> ids = new ArrayList<>();
      for (JsonNode metric : get(base)) {
        String id = metric.path("id").asText();
        if (id.contains("driftway")) {
          ids.add(id);
        }
      }
      if (ids.isEmpty()) {
        continue;
      }
      JsonNode values =
          get(
              base
                  + "?agg=sum&get="
                  + URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8));
      for (JsonNode value : values) {
        String id = value.path("id").asText();
        String name = id.substring(id.lastIndexOf('.') + 1);
        counters.merge(name, (long) value.path("sum").asDouble(), Long::sum);
      }
    }
    return new Reading(job.path("state").asText(), job.path("start-time").asLong(), counters);
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(rest.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "Cannot read Flink metrics: HTTP " + response.statusCode() + ": " + rest.resolve(path));
    }
    return JSON.readTree(response.body());
  }
}
