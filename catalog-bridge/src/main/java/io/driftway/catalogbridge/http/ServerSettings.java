package io.driftway.catalogbridge.http;

import io.driftway.platform.config.DataSize;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the Glue API listens.
 *
 * @param port 0 picks a free port
 * @param threads request threads; requests beyond these wait in line
 * @param backlog TCP connections the kernel queues before the server accepts them
 * @param maxRequestSize the largest request body the server reads
 * @param keystore a PKCS12 or JKS keystore for TLS, or null for plain HTTP
 */
public record ServerSettings(
    String host,
    int port,
    int threads,
    int backlog,
    DataSize maxRequestSize,
    Path keystore,
    String keystorePassword,
    String keystoreType,
    Duration shutdownGrace) {

  public ServerSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Cannot start catalog bridge: port out of range: " + port);
    }
    if (threads < 1) {
      throw new IllegalArgumentException(
          "Cannot start catalog bridge: server.threads must be >= 1: " + threads);
    }
    if (keystore != null && keystorePassword == null) {
      throw new IllegalArgumentException(
          "Cannot start catalog bridge: server.tls.keystore-password is required with a keystore: "
              + keystore);
    }
  }

  /** Loopback, a free port, plain HTTP: for tests and in-process use. */
  public static ServerSettings loopback() {
    return new ServerSettings(
        "127.0.0.1",
        0,
        16,
        1024,
        DataSize.ofMebibytes(16),
        null,
        null,
        "PKCS12",
        Duration.ofSeconds(5));
  }

  public boolean tls() {
    return keystore != null;
  }

  /** Keeps the keystore password out of logs. */
  @Override
  public String toString() {
    return "ServerSettings[host="
        + host
        + ", port="
        + port
        + ", threads="
        + threads
        + ", tls="
        + tls()
        + "]";
  }
}
