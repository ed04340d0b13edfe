package io.driftway.testsupport.kinesis;

import io.driftway.embedded.process.ChildProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * kinesalite, a Kinesis API server, as a Node process on 127.0.0.1 with a free port.
 *
 * <p>kinesalite is version-locked by {@code test-support/kinesalite/package-lock.json}; when its
 * {@code node_modules} is missing (a fresh machine) the fixture runs {@code npm ci} first. AWS SDK
 * v2 clients must talk JSON to it, not CBOR: set the system property {@code aws.cborEnabled=false}.
 *
 * <pre>{@code
 * try (KinesaliteServer kinesis = KinesaliteServer.start(Files.createTempDirectory("kinesis"))) {
 *   KinesisClient client = KinesisClient.builder().endpointOverride(kinesis.endpoint())...build();
 * }
 * }</pre>
 */
public final class KinesaliteServer implements AutoCloseable {

  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);
  private static final Duration INSTALL_LIMIT = Duration.ofMinutes(5);

  private final ChildProcess process;
  private final URI endpoint;

  private KinesaliteServer(ChildProcess process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Installs kinesalite if needed and starts it, logging into {@code dir}. */
  public static KinesaliteServer start(Path dir) throws IOException {
    Path home = packageDirectory();
    installIfMissing(home, dir.resolve("npm-ci.log"));
    ChildProcess process =
        ChildProcess.start(
            "kinesalite",
            List.of("node", home.resolve("server.js").toString()),
            home,
            dir.resolve("kinesalite.log"));
    try {
      String port = process.awaitLogMatch(Pattern.compile("KINESALITE_PORT=(\\d+)"), STARTUP_LIMIT);
      return new KinesaliteServer(process, URI.create("http://127.0.0.1:" + port));
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
  }

  /** The endpoint to pass to {@code endpointOverride} of an AWS SDK Kinesis client. */
  public URI endpoint() {
    return endpoint;
  }

  /** A region name for clients; kinesalite accepts any. */
  public String region() {
    return "us-east-1";
  }

  @Override
  public void close() {
    process.close();
  }

  /** {@code test-support/kinesalite} in this repository, where package.json and server.js live. */
  static Path packageDirectory() {
    String root = System.getProperty("driftway.repo.root");
    Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
      Path home = candidate.resolve("test-support").resolve("kinesalite");
      if (Files.isRegularFile(home.resolve("package.json"))) {
        return home;
      }
    }
    throw new IllegalStateException(
        "Cannot find kinesalite: no test-support/kinesalite/package.json above: " + start);
  }

  private static void installIfMissing(Path home, Path log) throws IOException {
    Path lockFile = home.resolve(".install.lock");
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      if (Files.isRegularFile(home.resolve("node_modules/kinesalite/package.json"))) {
        return;
      }
      ChildProcess.run(
          "npm ci (kinesalite)",
          List.of("npm", "ci", "--no-audit", "--no-fund"),
          home,
          log,
          INSTALL_LIMIT);
    }
  }
}
