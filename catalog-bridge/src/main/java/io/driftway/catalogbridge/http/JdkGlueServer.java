package io.driftway.catalogbridge.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.driftway.catalogbridge.api.CommitFaults;
import io.driftway.catalogbridge.api.GlueApi;
import io.driftway.catalogbridge.auth.Authenticator;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.auth.SignedRequest;
import io.driftway.catalogbridge.console.Console;
import io.driftway.catalogbridge.metrics.BridgeMetrics;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link GlueServer} on the JDK's built-in HTTP server, with a bounded pool of request threads. */
final class JdkGlueServer implements GlueServer {

  private static final Logger LOG = LoggerFactory.getLogger(JdkGlueServer.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("io.driftway.catalogbridge.access");

  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final String TARGET_PREFIX = "AWSGlue.";
  static final String DRIFTWAY_PREFIX = "Driftway.";
  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI endpoint;
  private final ServerSettings settings;
  private final GlueApi api;
  private final Authenticator authenticator;
  private final BooleanSupplier healthy;
  private final BridgeMetrics metrics;
  private final Console console;
  private final GlueApi driftway;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object drained = new Object();
  private volatile boolean closing;

  private JdkGlueServer(
      HttpServer server,
      ExecutorService executor,
      URI endpoint,
      ServerSettings settings,
      GlueApi api,
      Authenticator authenticator,
      BooleanSupplier healthy,
      BridgeMetrics metrics,
      Console console,
      GlueApi driftway) {
    this.server = server;
    this.executor = executor;
    this.endpoint = endpoint;
    this.settings = settings;
    this.api = api;
    this.authenticator = authenticator;
    this.healthy = healthy;
    this.metrics = metrics;
    this.console = console;
    this.driftway = driftway;
  }

  /**
   * @param metrics recorded per request and served at {@code GET /metrics}; null for no metrics
   *     (and no {@code /metrics})
   * @param console serves {@code /console}; null for no console
   * @param driftway the operations under {@code X-Amz-Target: Driftway.}; null for none
   */
  static JdkGlueServer start(
      ServerSettings settings,
      GlueApi api,
      Authenticator authenticator,
      BooleanSupplier healthy,
      BridgeMetrics metrics,
      Console console,
      GlueApi driftway) {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: every response waits ~40 ms. The JDK reads this once, when its first server
    // starts, so it is set here unless the operator chose otherwise.
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
    InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
    HttpServer server;
    try {
      if (settings.tls()) {
        HttpsServer https = HttpsServer.create(address, settings.backlog());
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext(settings)));
        server = https;
      } else {
        server = HttpServer.create(address, settings.backlog());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start catalog bridge: cannot listen: "
              + e.getMessage()
              + ": "
              + settings.host()
              + ":"
              + settings.port(),
          e);
    }
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            settings.threads(),
            settings.threads(),
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "driftway-catalog-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    URI endpoint =
        URI.create(
            (settings.tls() ? "https" : "http")
                + "://"
                + hostForUri(settings.host())
                + ":"
                + server.getAddress().getPort());
    JdkGlueServer glue =
        new JdkGlueServer(
            server,
            executor,
            endpoint,
            settings,
            api,
            authenticator,
            healthy,
            metrics,
            console,
            driftway);
    server.createContext("/", glue::handle);
    server.start();
    return glue;
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  private void handle(HttpExchange exchange) {
    long started = System.nanoTime();
    String requestId = requestId();
    String operation = "-";
    String principal = "-";
    String outcome = null;
    int status = 500;
    inFlight.incrementAndGet();
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      if ("GET".equals(method) && "/health".equals(path)) {
        status = health(exchange);
        return;
      }
      if ("GET".equals(method) && "/metrics".equals(path) && metrics != null) {
        status = metrics(exchange);
        return;
      }
      if ("GET".equals(method) && "/favicon.ico".equals(path)) {
        status = noFavicon(exchange);
        return;
      }
      if (console != null && Console.serves(path) && !closing) {
        operation = "console";
        console.handle(exchange);
        status = exchange.getResponseCode();
        return;
      }
      try {
        if (closing) {
          throw GlueException.of(
              GlueErrorType.SERVICE_UNAVAILABLE,
              "Cannot run operation: the catalog bridge is shutting down: " + endpoint);
        }
        byte[] body = readBody(exchange);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"POST".equals(method)) {
          throw GlueException.of(
              GlueErrorType.UNKNOWN_OPERATION,
              "Cannot run operation: the Glue API takes POST / with X-Amz-Target (GET /health"
                  + " for health): "
                  + method
                  + " "
                  + path);
        }
        SignedRequest signed =
            new SignedRequest(
                method,
                path,
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(),
                body);
        Principal caller = authenticator.authenticate(signed);
        principal = caller.name();
        if (driftway != null && target != null && target.startsWith(DRIFTWAY_PREFIX)) {
          operation = target.substring(DRIFTWAY_PREFIX.length());
          byte[] response = driftway.call(operation, body, caller);
          status = 200;
          outcome = BridgeMetrics.OK;
          send(exchange, 200, requestId, null, response);
          return;
        }
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
          throw GlueException.of(
              GlueErrorType.UNKNOWN_OPERATION,
              "Cannot run operation: X-Amz-Target must be AWSGlue.<Operation>: " + target);
        }
        operation = target.substring(TARGET_PREFIX.length());
        byte[] response = api.call(operation, body, caller);
        status = 200;
        outcome = BridgeMetrics.OK;
        send(exchange, 200, requestId, null, response);
      } catch (CommitFaults.AnswerDropped e) {
        // Test configuration only: the update is applied; closing the exchange before any
        // response header closes the connection, so the caller cannot tell it happened.
        status = 0;
        LOG.warn("Catalog request {} {}: {}", requestId, operation, e.getMessage());
      } catch (GlueException e) {
        status = e.type().httpStatus();
        outcome = e.type().typeName();
        if (e.type() == GlueErrorType.INTERNAL_SERVICE) {
          LOG.error("Catalog request {} {} failed", requestId, operation, e);
        }
        sendError(exchange, requestId, e.type(), e.getMessage());
      } catch (RuntimeException e) {
        // A bug must still answer like Glue does (InternalServiceException), never a stack trace.
        status = 500;
        outcome = GlueErrorType.INTERNAL_SERVICE.typeName();
        LOG.error("Catalog request {} {} failed unexpectedly", requestId, operation, e);
        sendError(
            exchange,
            requestId,
            GlueErrorType.INTERNAL_SERVICE,
            "Cannot run "
                + operation
                + ": internal error, see the bridge log: request "
                + requestId);
      }
    } catch (IOException e) {
      // The client went away mid-exchange; nothing left to answer.
      LOG.debug("Catalog request {} {}: connection failed: {}", requestId, operation, e.toString());
    } finally {
      if (metrics != null && outcome != null) {
        metrics.request(operation, outcome, System.nanoTime() - started);
      }
      if (inFlight.decrementAndGet() == 0 && closing) {
        synchronized (drained) {
          drained.notifyAll();
        }
      }
      if (ACCESS.isDebugEnabled()) {
        ACCESS.debug(
            "{} {} {} {} {}ms",
            requestId,
            operation,
            principal,
            status,
            (System.nanoTime() - started) / 1_000_000);
      }
    }
  }

  /**
   * A version 4 UUID from {@link ThreadLocalRandom}: a request id must be unique, not secret, and
   * {@link UUID#randomUUID()} takes SecureRandom's lock on every request.
   */
  static String requestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }

  private int health(HttpExchange exchange) throws IOException {
    boolean up = healthy.getAsBoolean();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("status", up ? "UP" : "DOWN");
    body.put("store", up ? "UP" : "DOWN");
    body.put("operations", api.operations().size());
    int status = up ? 200 : 503;
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    return status;
  }

  /**
   * Browsers ask for {@code /favicon.ico} on their own; a plain 404 answers them (the console's
   * pages name their icon, {@code /console/static/favicon.svg}), not the Glue API's 400.
   */
  private static int noFavicon(HttpExchange exchange) throws IOException {
    byte[] bytes =
        "Cannot find /favicon.ico: the console's icon is /console/static/favicon.svg\n"
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(404, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    return 404;
  }

  /**
   * The Prometheus scrape. Unauthenticated, like {@code /health}: a scraper cannot sign requests,
   * and the figures name operations and states, never databases, tables or principals.
   */
  private int metrics(HttpExchange exchange) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(8_192);
    metrics.write(body);
    exchange.getResponseHeaders().set("Content-Type", BridgeMetrics.CONTENT_TYPE);
    exchange.sendResponseHeaders(200, body.size());
    try (OutputStream out = exchange.getResponseBody()) {
      body.writeTo(out);
    }
    return 200;
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    long limit = settings.maxRequestSize().bytes();
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw GlueException.of(
            GlueErrorType.SERIALIZATION, "Cannot read request: bad Content-Length: " + declared);
      }
      if (length > limit) {
        throw tooLarge(declared);
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      if (length >= 0) {
        // The server's stream ends at Content-Length: read exactly that, into one array of its
        // size (readNBytes with the limit allocates 8 KB chunks for a 60-byte GetTable).
        return in.readNBytes((int) length);
      }
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (body.length > limit) {
        throw tooLarge(">" + limit);
      }
      return body;
    }
  }

  private GlueException tooLarge(String size) {
    return GlueException.invalidInput(
        "Cannot read request: body is larger than server.max-request-size ("
            + settings.maxRequestSize().bytes()
            + " bytes): "
            + size);
  }

  private static void sendError(
      HttpExchange exchange, String requestId, GlueErrorType type, String message)
      throws IOException {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("__type", type.typeName());
    body.put("Message", message);
    send(
        exchange,
        type.httpStatus(),
        requestId,
        type.typeName(),
        body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void send(
      HttpExchange exchange, int status, String requestId, String errorType, byte[] body)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", CONTENT_TYPE);
    headers.set("x-amzn-RequestId", requestId);
    if (errorType != null) {
      headers.set("x-amzn-ErrorType", errorType);
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static SSLContext sslContext(ServerSettings settings) {
    char[] password = settings.keystorePassword().toCharArray();
    try (InputStream in = Files.newInputStream(settings.keystore())) {
      KeyStore keyStore = KeyStore.getInstance(settings.keystoreType());
      keyStore.load(in, password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Cannot start catalog bridge: cannot load TLS keystore ("
              + e.getMessage()
              + "): "
              + settings.keystore(),
          e);
    }
  }

  private static String hostForUri(String host) {
    String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    return shown.contains(":") && !shown.startsWith("[") ? "[" + shown + "]" : shown;
  }

  @Override
  public void close() {
    // HttpServer.stop(n) on JDK 17 waits the full n seconds even when idle, so drain ourselves:
    // refuse new requests, wait for running ones up to the grace period, then stop at once.
    closing = true;
    long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
    synchronized (drained) {
      long remaining;
      while (inFlight.get() > 0 && (remaining = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(drained, remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
