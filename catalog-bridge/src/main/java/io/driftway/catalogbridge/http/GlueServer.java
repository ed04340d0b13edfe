package io.driftway.catalogbridge.http;

import io.driftway.catalogbridge.api.GlueApi;
import io.driftway.catalogbridge.auth.Authenticator;
import io.driftway.catalogbridge.console.Console;
import io.driftway.catalogbridge.metrics.BridgeMetrics;
import java.net.URI;
import java.util.function.BooleanSupplier;

/**
 * The AWS JSON 1.1 endpoint: {@code POST /} with {@code X-Amz-Target: AWSGlue.<Operation>}, and
 * {@code GET /health} for load balancers and scripts, {@code GET /metrics} for Prometheus, and the
 * web console under {@code /console}.
 *
 * <pre>{@code
 * try (GlueServer server = GlueServer.start(ServerSettings.loopback(), api, auth, store::isHealthy)) {
 *   URI endpoint = server.endpoint(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public interface GlueServer extends AutoCloseable {

  /** Where clients send requests, e.g. {@code http://127.0.0.1:9047}. */
  URI endpoint();

  /** Stops accepting, lets running requests finish (up to the shutdown grace), then stops. */
  @Override
  void close();

  static GlueServer start(
      ServerSettings settings, GlueApi api, Authenticator authenticator, BooleanSupplier healthy) {
    return JdkGlueServer.start(settings, api, authenticator, healthy, null, null, null);
  }

  /** A server that records {@code metrics} and serves them at {@code GET /metrics}. */
  static GlueServer start(
      ServerSettings settings,
      GlueApi api,
      Authenticator authenticator,
      BooleanSupplier healthy,
      BridgeMetrics metrics) {
    return JdkGlueServer.start(settings, api, authenticator, healthy, metrics, null, null);
  }

  /**
   * A server that also serves the web console under {@code /console} and Driftway's own operations
   * ({@link GlueApi#driftway}) under {@code X-Amz-Target: Driftway.<Operation>}.
   *
   * @param metrics null for no {@code /metrics}
   * @param console null for no console
   */
  static GlueServer start(
      ServerSettings settings,
      GlueApi api,
      Authenticator authenticator,
      BooleanSupplier healthy,
      BridgeMetrics metrics,
      Console console,
      GlueApi driftway) {
    return JdkGlueServer.start(settings, api, authenticator, healthy, metrics, console, driftway);
  }
}
