package io.driftway.testsupport.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.embedded.process.ChildProcess;
import io.driftway.embedded.process.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * A real Prometheus server (the Debian package {@code prometheus}, binary {@code
 * /usr/bin/prometheus}) as a child process on 127.0.0.1 with a free port, scraping the given
 * endpoints at a short interval; tests read what it stored through its HTTP query API.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus =
 *     PrometheusServer.start(dir, Duration.ofSeconds(1),
 *         Map.of("bridge", bridge.endpoint().resolve("/metrics")))) {
 *   await().until(() -> prometheus.query("sum(driftway_bridge_requests_total)").orElse(0) > 0);
 * }
 * }</pre>
 */
public final class PrometheusServer implements AutoCloseable {

  /** Where the Debian package puts the server; {@code .ci/run} installs it. */
  public static final Path BINARY = Path.of("/usr/bin/prometheus");

  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChildProcess process;
  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(ChildProcess process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Starts Prometheus with its data and log in {@code dir}, scraping each of {@code targets} (job
   * name to metrics URL, {@code http://host:port/path}) every {@code interval}.
   *
   * @throws IllegalStateException when the binary is missing or the server does not come up
   */
  public static PrometheusServer start(Path dir, Duration interval, Map<String, URI> targets)
      throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          "Cannot start Prometheus: no executable "
              + BINARY
              + "; install the Debian package prometheus (.ci/run does): "
              + BINARY);
    }
    Files.createDirectories(dir);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, config(interval, targets), StandardCharsets.UTF_8);
    int port = FreePorts.next();
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--config.file=" + config);
    command.add("--storage.tsdb.path=" + dir.resolve("data"));
    command.add("--web.listen-address=127.0.0.1:" + port);
    command.add("--log.level=info");
    ChildProcess process =
        ChildProcess.start("prometheus", command, dir, dir.resolve("prometheus.log"));
    try {
      process.awaitLogMatch(
          Pattern.compile("(Server is ready to receive web requests)"), STARTUP_LIMIT);
      return new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
  }

  /** The configuration file: one scrape job per target, at {@code interval}. */
  static String config(Duration interval, Map<String, URI> targets) {
    String every = interval.toMillis() + "ms";
    StringBuilder yaml = new StringBuilder();
    yaml.append("global:\n")
        .append("  scrape_interval: ")
        .append(every)
        .append('\n')
        .append("  scrape_timeout: ")
        .append(every)
        .append('\n')
        .append("  evaluation_interval: ")
        .append(every)
        .append('\n')
        .append("scrape_configs:\n");
    for (Map.Entry<String, URI> target : new LinkedHashMap<>(targets).entrySet()) {
      URI url = target.getValue();
      yaml.append("  - job_name: ")
          .append(target.getKey())
          .append('\n')
          .append("    scheme: ")
          .append(url.getScheme())
          .append('\n')
          .append("    metrics_path: ")
          .append(url.getPath().isEmpty() ? "/metrics" : url.getPath())
          .append('\n')
          .append("    static_configs:\n")
          .append("      - targets: ['")
          .append(url.getHost())
          .append(':')
          .append(url.getPort())
          .append("']\n");
    }
    return yaml.toString();
  }

  /** The server's HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Evaluates {@code promql} now: the value of a scalar, or of the only series of an instant
   * vector; empty when the vector is empty (nothing scraped yet).
   *
   * @throws IllegalStateException when Prometheus refuses the query or the vector has several
   *     series (wrap it in {@code sum(...)})
   */
  public OptionalDouble query(String promql) {
    JsonNode data = get("/api/v1/query?query=" + encode(promql)).get("data");
    JsonNode result = data.get("result");
    String type = data.get("resultType").asText();
    if (type.equals("scalar")) {
      return OptionalDouble.of(number(result.get(1)));
    }
    if (result.isEmpty()) {
      return OptionalDouble.empty();
    }
    if (result.size() > 1) {
      throw new IllegalStateException(
          "Cannot read query result: " + result.size() + " series, expected one: " + promql);
    }
    return OptionalDouble.of(number(result.get(0).get("value").get(1)));
  }

  /** The names of every series Prometheus has stored so far. */
  public List<String> metricNames() {
    List<String> names = new ArrayList<>();
    for (JsonNode name : get("/api/v1/label/__name__/values").get("data")) {
      names.add(name.asText());
    }
    return names;
  }

  /** The health of each scrape target, by job name: {@code up} or {@code down}. */
  public Map<String, String> targetHealth() {
    Map<String, String> health = new LinkedHashMap<>();
    for (JsonNode target : get("/api/v1/targets").get("data").get("activeTargets")) {
      health.put(target.get("labels").get("job").asText(), target.get("health").asText());
    }
    return health;
  }

  private JsonNode get(String pathAndQuery) {
    URI uri = URI.create(endpoint + pathAndQuery);
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
        throw new IllegalStateException(
            "Cannot query Prometheus: HTTP " + response.statusCode() + " " + body + ": " + uri);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot query Prometheus: " + e.getMessage() + ": " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot query Prometheus: interrupted: " + uri, e);
    }
  }

  private static double number(JsonNode value) {
    String text = value.asText().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "nan" -> Double.NaN;
      case "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The last lines of the server's log, for failure messages. */
  public String logTail() {
    return process.tail();
  }

  @Override
  public void close() {
    process.close();
  }
}
