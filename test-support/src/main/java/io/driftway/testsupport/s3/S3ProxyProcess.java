package io.driftway.testsupport.s3;

import io.driftway.embedded.process.ChildProcess;
import io.driftway.embedded.process.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy as a JVM of its own ({@code org.gaul.s3proxy.Main --properties <file>}) on 127.0.0.1,
 * storing buckets as folders under a data folder, checking AWS signatures against one access key.
 * Unlike {@link S3ProxyServer} it can die for real: {@link #kill()} sends SIGKILL, {@link #start()}
 * brings it back on the same port with the same data, so a fault test can take the S3 store away
 * while a pipeline writes. Clients must use path-style access.
 *
 * <pre>{@code
 * try (S3ProxyProcess s3 = S3ProxyProcess.start(Files.createTempDirectory("s3"))) {
 *   URI endpoint = s3.endpoint();
 *   s3.kill();
 *   s3.start();
 * }
 * }</pre>
 */
public final class S3ProxyProcess implements AutoCloseable {

  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);
  private static final String ACCESS_KEY = "driftway-test";
  private static final String SECRET_KEY = "driftway-test-secret";

  private final Path dir;
  private final Path properties;
  private final URI endpoint;
  private ChildProcess process;

  private S3ProxyProcess(Path dir, Path properties, URI endpoint) {
    this.dir = dir;
    this.properties = properties;
    this.endpoint = endpoint;
  }

  /**
   * Starts S3Proxy on a free port, buckets under {@code dir}/data, its log in {@code
   * dir}/s3proxy.log, and waits until it answers.
   */
  public static S3ProxyProcess start(Path dir) throws IOException, InterruptedException {
    Path data = Files.createDirectories(dir.resolve("data"));
    URI endpoint = URI.create("http://127.0.0.1:" + FreePorts.next());
    Path properties = dir.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=" + endpoint,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=filesystem-nio2",
            "jclouds.identity=" + ACCESS_KEY,
            "jclouds.credential=" + SECRET_KEY,
            "jclouds.filesystem.basedir=" + data,
            ""),
        StandardCharsets.UTF_8);
    S3ProxyProcess s3 = new S3ProxyProcess(dir, properties, endpoint);
    s3.start();
    return s3;
  }

  /**
   * Starts S3Proxy again on the same port and data folder (after {@link #kill()}), and waits until
   * it answers.
   */
  public synchronized void start() throws InterruptedException {
    if (process != null) {
      throw new IllegalStateException("Cannot start S3Proxy: it runs already: " + endpoint);
    }
    process =
        ChildProcess.start(
            "S3Proxy",
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                // S3Proxy logs every request at DEBUG by default.
                "-Dlog4j2.level=WARN",
                "-Dlog4j2.configurationFile=" + log4j(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.gaul.s3proxy.Main",
                "--properties",
                properties.toString()),
            dir,
            dir.resolve("s3proxy.log"));
    awaitAnswer();
  }

  /** Kills S3Proxy with SIGKILL (no shutdown of any kind) and waits until it is gone. */
  public synchronized void kill() throws IOException, InterruptedException {
    if (process == null) {
      throw new IllegalStateException("Cannot kill S3Proxy: it does not run: " + endpoint);
    }
    Process kill =
        new ProcessBuilder("/bin/kill", "-KILL", Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("Cannot kill S3Proxy: kill -KILL failed: " + process.pid());
    }
    process.close();
    process = null;
  }

  /** The endpoint, {@code http://127.0.0.1:<port>}, the same across restarts. */
  public URI endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  /** A region name for signing; S3Proxy accepts any. */
  public String region() {
    return "us-east-1";
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  private void awaitAnswer() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      process.checkAlive();
      try {
        // Any answer (an unsigned request gets 403) means the server listens.
        http.send(
            HttpRequest.newBuilder(endpoint.resolve("/")).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        // Not listening yet: try again until the deadline.
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    ChildProcess late = process;
    close();
    throw new IllegalStateException(
        "Cannot start S3Proxy: no answer within " + STARTUP_LIMIT + ": " + late.tail());
  }

  private Path log4j() {
    Path file = dir.resolve("s3proxy-log4j2.properties");
    try {
      Files.writeString(
          file,
          """
          rootLogger.level = WARN
          rootLogger.appenderRef.out.ref = out
          appender.out.type = Console
          appender.out.name = out
          appender.out.layout.type = PatternLayout
          appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
          """,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write S3Proxy log config: " + file, e);
    }
    return file;
  }
}
