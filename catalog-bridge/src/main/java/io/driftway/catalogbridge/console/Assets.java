package io.driftway.catalogbridge.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The console's static files, served from the bridge's classpath (no CDN, no build step). Only the
 * names listed here are served.
 */
final class Assets {

  private static final String ROOT = "/io/driftway/catalogbridge/console/static/";

  private static final Map<String, String> TYPES =
      Map.of("console.css", "text/css; charset=utf-8", "favicon.svg", "image/svg+xml");

  private Assets() {}

  /** The file {@code name} (as in {@code /console/static/<name>}), or empty when not listed. */
  static Optional<ConsoleResponse> get(String name) {
    String type = TYPES.get(name);
    if (type == null) {
      return Optional.empty();
    }
    try (InputStream in = Assets.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "Cannot serve console asset: not on the classpath: " + name);
      }
      return Optional.of(new ConsoleResponse(200, type, in.readAllBytes(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot serve console asset: " + e.getMessage() + ": " + name, e);
    }
  }
}
