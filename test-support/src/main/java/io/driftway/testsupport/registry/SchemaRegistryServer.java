package io.driftway.testsupport.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;

/**
 * A Schema Registry on 127.0.0.1 with the endpoints a decoding pipeline calls: {@code GET
 * /schemas/ids/{id}}, answering {@code {"schema": "..."}}, and {@code GET
 * /schemas/ids/{id}/versions}, answering {@code [{"subject": "...", "version": 1}]}; an unknown id
 * gets Confluent's 404 {@code {"error_code": 40403, "message": "Schema not found"}}. Schemas are
 * registered in the JVM (no POST endpoint): what a decoding pipeline's tests and the load benches
 * need, nothing more.
 *
 * <pre>{@code
 * try (SchemaRegistryServer registry = SchemaRegistryServer.start().register(1, schema)) {
 *   String spec = "format: {type: avro-confluent, registry: {url: " + registry.url() + "}}";
 * }
 * }</pre>
 */
public final class SchemaRegistryServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IDS = "/schemas/ids/";
  private static final String VERSIONS = "/versions";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
  private final Map<Integer, String> subjects = new ConcurrentHashMap<>();

  private SchemaRegistryServer() throws IOException {
    server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a registry on a free port of 127.0.0.1, serving no schema yet. */
  public static SchemaRegistryServer start() throws IOException {
    return new SchemaRegistryServer();
  }

  /** The registry's base URL: {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves {@code schema} under global id {@code id}, version 1 of subject {@code <id>-value}. */
  public SchemaRegistryServer register(int id, Schema schema) {
    return register("schema-" + id + "-value", id, schema);
  }

  /** Serves {@code schema} under global id {@code id}, version 1 of {@code subject}. */
  public SchemaRegistryServer register(String subject, int id, Schema schema) {
    schemas.put(id, schema);
    subjects.put(id, subject);
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean versions = path.endsWith(VERSIONS);
      Integer id = null;
      if ("GET".equals(exchange.getRequestMethod()) && path.startsWith(IDS)) {
        String digits =
            path.substring(IDS.length(), path.length() - (versions ? VERSIONS.length() : 0));
        try {
          id = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
          id = null;
        }
      }
      Schema schema = id == null ? null : schemas.get(id);
      JsonNode body;
      int status;
      if (schema == null) {
        status = 404;
        body = JSON.createObjectNode().put("error_code", 40403).put("message", "Schema not found");
      } else if (versions) {
        status = 200;
        ArrayNode list = JSON.createArrayNode();
        list.addObject().put("subject", subjects.get(id)).put("version", 1);
        body = list;
      } else {
        status = 200;
        body = JSON.createObjectNode().put("schema", schema.toString());
      }
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
