package io.driftway.connectors.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A Schema Registry on 127.0.0.1 that implements the documented endpoints and JSON shapes: {@code
 * GET /schemas/ids/{id}}, {@code GET /schemas/ids/{id}/versions}, {@code GET
 * /subjects/{s}/versions/{v|latest}}, {@code POST /subjects/{s}/versions}, errors as {@code
 * {"error_code": ..., "message": ...}}. Ids are global and reused for identical schema text, as
 * Confluent's are. Records every request.
 */
public final class FakeSchemaRegistryServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One registered schema version. */
  private record Entry(String subject, int version, int id, ObjectNode body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<Integer, ObjectNode> byId = new ConcurrentHashMap<>();
  private final Map<String, List<Entry>> bySubject = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsByText = new ConcurrentHashMap<>();
  private final Queue<String> requests = new ConcurrentLinkedQueue<>();
  private final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
  private volatile String requiredAuthorization;
  private volatile CountDownLatch stall;
  private int nextId = 1;

  public FakeSchemaRegistryServer() throws IOException {
    server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers 401 unless requests carry these basic-auth credentials. */
  void requireBasicAuth(String user, String password) {
    requiredAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Holds every answer until {@link #release()}. */
  void stall() {
    stall = new CountDownLatch(1);
  }

  void release() {
    CountDownLatch latch = stall;
    if (latch != null) {
      latch.countDown();
    }
  }

  /** Registers a schema version directly, e.g. with references or another schema type. */
  public synchronized int add(String subject, ObjectNode body) {
    String text = body.path("schema").asText();
    int id =
        idsByText.computeIfAbsent(body.path("schemaType").asText("AVRO") + text, t -> nextId++);
    List<Entry> versions = bySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    for (Entry entry : versions) {
      if (entry.id() == id) {
        return id;
      }
    }
    versions.add(new Entry(subject, versions.size() + 1, id, body));
    byId.put(id, body);
    return id;
  }

  /** Requests seen, as {@code METHOD /path}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** Authorization headers seen, {@code "-"} where there was none. */
  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      requests.add(method + " " + path);
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(authorization == null ? "-" : authorization);
      CountDownLatch latch = stall;
      if (latch != null) {
        latch.await(30, TimeUnit.SECONDS);
      }
      if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
        error(exchange, 401, 401, "Unauthorized");
        return;
      }
      route(exchange, method, segments(path));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void route(HttpExchange exchange, String method, List<String> parts) throws IOException {
    if (method.equals("GET") && parts.size() == 3 && parts.get(0).equals("schemas")) {
      ObjectNode body = byId.get(Integer.parseInt(parts.get(2)));
      if (body == null) {
        error(exchange, 404, 40403, "Schema not found");
      } else {
        answer(exchange, 200, body);
      }
    } else if (method.equals("GET")
        && parts.size() == 4
        && parts.get(0).equals("schemas")
        && parts.get(3).equals("versions")) {
      int id = Integer.parseInt(parts.get(2));
      if (!byId.containsKey(id)) {
        error(exchange, 404, 40403, "Schema not found");
        return;
      }
      ArrayNode versions = JSON.createArrayNode();
      for (List<Entry> entries : bySubject.values()) {
        for (Entry entry : entries) {
          if (entry.id() == id) {
            versions.addObject().put("subject", entry.subject()).put("version", entry.version());
          }
        }
      }
      answer(exchange, 200, versions);
    } else if (parts.size() >= 3 && parts.get(0).equals("subjects")) {
      String subject = parts.get(1);
      if (method.equals("POST") && parts.size() == 3) {
        ObjectNode body = (ObjectNode) JSON.readTree(exchange.getRequestBody());
        answer(exchange, 200, JSON.createObjectNode().put("id", add(subject, body)));
      } else if (method.equals("GET") && parts.size() == 4) {
        version(exchange, subject, parts.get(3));
      } else {
        error(exchange, 405, 405, "Method not allowed");
      }
    } else {
      error(exchange, 404, 404, "HTTP 404 Not Found");
    }
  }

  private void version(HttpExchange exchange, String subject, String version) throws IOException {
    List<Entry> versions = bySubject.get(subject);
    if (versions == null) {
      error(exchange, 404, 40401, "Subject '" + subject + "' not found.");
      return;
    }
    Entry entry =
        version.equals("latest")
            ? versions.get(versions.size() - 1)
            : versions.stream()
                .filter(e -> Integer.toString(e.version()).equals(version))
                .findFirst()
                .orElse(null);
    if (entry == null) {
      error(exchange, 404, 40402, "Version " + version + " not found.");
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("subject", entry.subject()).put("version", entry.version()).put("id", entry.id());
    entry.body().fields().forEachRemaining(field -> body.set(field.getKey(), field.getValue()));
    answer(exchange, 200, body);
  }

  private static List<String> segments(String rawPath) {
    List<String> parts = new ArrayList<>();
    for (String part : rawPath.split("/", -1)) {
      if (!part.isEmpty()) {
        parts.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return parts;
  }

  private static void error(HttpExchange exchange, int status, int code, String message)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", code);
    body.put("message", message);
    answer(exchange, status, JSON.valueToTree(body));
  }

  private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
