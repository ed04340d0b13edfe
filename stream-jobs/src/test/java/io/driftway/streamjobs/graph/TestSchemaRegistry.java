package io.driftway.streamjobs.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * A Schema Registry on 127.0.0.1 with the one endpoint a decoding pipeline calls: {@code GET
 * /schemas/ids/{id}}, answering {@code {"schema": "..."}} or Confluent's 404 {@code {"error_code":
 * 40403, "message": "Schema not found"}}.
 */
final class TestSchemaRegistry implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IDS = "/schemas/ids/";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

  TestSchemaRegistry() throws IOException {
    server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves {@code schema} under global id {@code id}. */
  TestSchemaRegistry register(int id, Schema schema) {
    schemas.put(id, schema);
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Schema schema = null;
      if ("GET".equals(exchange.getRequestMethod()) && path.startsWith(IDS)) {
        try {
          schema = schemas.get(Integer.parseInt(path.substring(IDS.length())));
        } catch (NumberFormatException e) {
          schema = null;
        }
      }
      ObjectNode body = JSON.createObjectNode();
      int status;
      if (schema != null) {
        status = 200;
        body.put("schema", schema.toString());
      } else {
        status = 404;
        body.put("error_code", 40403);
        body.put("message", "Schema not found");
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
