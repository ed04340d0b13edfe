package io.driftway.loadtests.peers;

import io.driftway.embedded.process.ChildProcess;
import io.driftway.embedded.process.FreePorts;
import io.driftway.loadtests.pipeline.BenchJobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One peer running in its own JVM, started idle: {@link #go()} makes it start consuming, so that
 * the CPU it spends on the records is measured from that moment ({@link #stats()}).
 *
 * <ul>
 *   <li>{@link #flink}: a child JVM running {@link FlinkPeerMain} (a MiniCluster and one job) on
 *       the bench's own classpath;
 *   <li>{@link #kafkaConnect}: a Kafka Connect standalone worker ({@code ConnectStandalone}) on the
 *       classpath of {@code load-tests/kafka-connect/pom.xml} (connect-runtime, Iceberg's sink and
 *       what it needs, no Flink, no Driftway); {@link #go()} creates the sink connector through the
 *       worker's REST API.
 * </ul>
 *
 * <pre>{@code
 * try (PeerProcess peer = PeerProcess.kafkaConnect(settings, topic, "kc_1")) {
 *   ProcessStats before = peer.stats();
 *   peer.go();
 *   // ... wait for the table ...
 *   double cpu = peer.stats().cpuSeconds() - before.cpuSeconds();
 * }
 * }</pre>
 */
public final class PeerProcess implements AutoCloseable {

  private static final Duration START_LIMIT = Duration.ofMinutes(3);

  /** What every peer gets alike: broker, warehouse, commit interval, parallelism, heap. */
  public record Settings(
      String bootstrapServers,
      BenchCatalog catalog,
      Duration commitInterval,
      int parallelism,
      String heap,
      Path kafkaConnectClasspath,
      Path workDir) {}

  private final Peer peer;
  private final ChildProcess child;
  private final Runnable go;

  /** The JFR recording's marks file ({@code <run>.jfr.marks}), or null when not profiling. */
  private final Path marks;

  private PeerProcess(Peer peer, ChildProcess child, Runnable go, Path dir) {
    this.peer = peer;
    this.child = child;
    this.go = go;
    Path jfr = jfrFile(dir);
    this.marks = jfr == null ? null : Path.of(jfr + ".marks");
  }

  /**
   * Starts a Flink peer ({@link Peer#DRIFTWAY} or {@link Peer#STATIC}) and waits until idle; the
   * records are JSON, or Avro in the Confluent wire format when {@code registryUrl} is not null.
   */
  public static PeerProcess flink(
      Settings settings, Peer peer, String topic, String table, String registryUrl)
      throws IOException {
    Path dir = Files.createDirectories(settings.workDir().resolve(table));
    Path goFile = dir.resolve("go");
    List<String> command = java(settings, dir, "INFO", "io.driftway.loadtests");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FlinkPeerMain.class.getName());
    command.addAll(
        List.of(
            peer.key(),
            settings.bootstrapServers(),
            topic,
            table,
            Long.toString(settings.commitInterval().toMillis()),
            Integer.toString(settings.parallelism()),
            goFile.toString()));
    command.addAll(settings.catalog().args());
    command.add(registryUrl == null ? "-" : registryUrl);
    ChildProcess child = ChildProcess.start(peer.title(), command, dir, dir.resolve("job.log"));
    PeerProcess process =
        new PeerProcess(
            peer,
            child,
            () -> {
              try {
                Files.writeString(goFile, "go");
              } catch (IOException e) {
                throw new UncheckedIOException("Cannot start job: " + goFile, e);
              }
              child.awaitLogMatch(Pattern.compile("^SUBMITTED"), START_LIMIT);
            },
            dir);
    try {
      child.awaitLogMatch(Pattern.compile("^READY"), START_LIMIT);
    } catch (RuntimeException e) {
      child.close();
      throw e;
    }
    return process;
  }

  /**
   * Starts a Kafka Connect standalone worker without connectors and waits for its REST API; {@link
   * #go()} then creates Iceberg's sink connector for {@code topic} into {@code bench.<table>}: JSON
   * converter without schemas, table auto-create and schema evolution on, the bench's catalog and
   * warehouse, commits every {@code commitInterval}, one task per partition.
   */
  public static PeerProcess kafkaConnect(Settings settings, String topic, String table)
      throws IOException {
    Path dir = Files.createDirectories(settings.workDir().resolve(table));
    int restPort = FreePorts.next();
    Map<String, String> worker = new LinkedHashMap<>();
    worker.put("bootstrap.servers", settings.bootstrapServers());
    worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    worker.put("value.converter.schemas.enable", "false");
    worker.put("offset.storage.file.filename", dir.resolve("offsets").toString());
    // The sink handles its control events (commit requests) only when the worker hands it records
    // or its offset flush is due; with no new records (the end of a backlog) the default 60 s
    // flush would leave every commit request unanswered until the 30 s commit timeout.
    worker.put("offset.flush.interval.ms", Long.toString(settings.commitInterval().toMillis()));
    worker.put("listeners", "http://127.0.0.1:" + restPort);
    // The sink is on the classpath: scan it there, no plugin.path to set up.
    worker.put("plugin.discovery", "only_scan");
    Path workerFile = dir.resolve("worker.properties");
    Files.writeString(workerFile, properties(worker), StandardCharsets.UTF_8);

    String classpath =
        Files.readString(settings.kafkaConnectClasspath(), StandardCharsets.UTF_8).trim();
    List<String> command = java(settings, dir, "INFO", "org.apache.iceberg.connect");
    command.addAll(
        List.of(
            "-cp",
            classpath,
            "org.apache.kafka.connect.cli.ConnectStandalone",
            workerFile.toString()));
    ChildProcess child =
        ChildProcess.start(peer(Peer.KAFKA_CONNECT), command, dir, dir.resolve("worker.log"));
    URI rest = URI.create("http://127.0.0.1:" + restPort + "/connectors");
    HttpClient http = HttpClient.newHttpClient();
    try {
      awaitRest(child, http, rest);
    } catch (RuntimeException e) {
      child.close();
      throw e;
    }

    Map<String, String> sink = new LinkedHashMap<>();
    sink.put("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector");
    sink.put("tasks.max", Integer.toString(settings.parallelism()));
    sink.put("topics", topic);
    sink.put("iceberg.tables", BenchJobs.DATABASE + "." + table);
    sink.put("iceberg.tables.auto-create-enabled", "true");
    sink.put("iceberg.tables.evolve-schema-enabled", "true");
    sink.putAll(settings.catalog().kafkaConnect(table));
    sink.put(
        "iceberg.control.commit.interval-ms", Long.toString(settings.commitInterval().toMillis()));
    sink.put("iceberg.control.topic", "control-" + table);
    String body =
        "{\"name\":\"iceberg-"
            + table
            + "\",\"config\":{"
            + sink.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(","))
            + "}}";
    return new PeerProcess(
        Peer.KAFKA_CONNECT,
        child,
        () -> {
          HttpResponse<String> response =
              send(
                  http,
                  HttpRequest.newBuilder(rest)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build());
          if (response.statusCode() != 201) {
            throw new IllegalStateException(
                "Cannot create sink connector: HTTP "
                    + response.statusCode()
                    + " "
                    + response.body()
                    + ": "
                    + body);
          }
        },
        dir);
  }

  public Peer peer() {
    return peer;
  }

  /** Starts consuming. */
  public void go() {
    go.run();
  }

  /**
   * With {@code BENCH_JFR}, notes the moment {@code name} (such as {@code first_commit}) in the
   * recording's marks file, so that {@code ./load-tests/bench profile} can keep the samples of the
   * steady state only. Does nothing without a recording.
   */
  public void mark(String name) {
    if (marks == null) {
      return;
    }
    try {
      Files.writeString(
          marks,
          name + "=" + Instant.now() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write profile mark: " + marks, e);
    }
  }

  /** CPU and peak RSS of the peer's JVM so far. */
  public ProcessStats stats() {
    return ProcessStats.of(child.pid());
  }

  public boolean isAlive() {
    try {
      child.checkAlive();
      return true;
    } catch (IllegalStateException exited) {
      return false;
    }
  }

  /** The last lines of the peer's log. */
  public String tail() {
    return child.tail();
  }

  @Override
  public void close() {
    child.close();
  }

  private static String peer(Peer peer) {
    return peer.title();
  }

  private static List<String> java(Settings settings, Path dir, String level, String logger)
      throws IOException {
    Path log4j = dir.resolve("log4j2.properties");
    Files.writeString(
        log4j,
        """
        rootLogger.level = WARN
        rootLogger.appenderRef.out.ref = out
        appender.out.type = Console
        appender.out.name = out
        appender.out.layout.type = PatternLayout
        appender.out.layout.pattern = %%d{HH:mm:ss.SSS} %%-5p %%c{1} - %%m%%n
        logger.bench.name = %s
        logger.bench.level = %s
        """
            .formatted(logger, level),
        StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + settings.heap());
    // A fixed set of JIT compiler threads, so that their CPU (ProcessStats) is never lost with a
    // thread HotSpot ends; the same for every peer.
    command.add("-XX:-UseDynamicNumberOfCompilerThreads");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlog4j2.configurationFile=" + log4j);
    Path jfr = jfrFile(dir);
    if (jfr != null) {
      // A CPU profile of the peer's JVM, written when the bench stops it (SIGTERM runs the hook).
      Files.createDirectories(jfr.getParent());
      command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr);
    }
    return command;
  }

  /** Where the JFR recording of the peer run in {@code dir} goes, or null without BENCH_JFR. */
  private static Path jfrFile(Path dir) {
    String jfr = System.getProperty("bench.jfr", "");
    return jfr.isBlank() ? null : Path.of(jfr).toAbsolutePath().resolve(dir.getFileName() + ".jfr");
  }

  private static void awaitRest(ChildProcess child, HttpClient http, URI rest) {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      child.checkAlive();
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(rest).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet: try again until the deadline.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Cannot start Kafka Connect worker: interrupted", e);
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "Cannot start Kafka Connect worker: REST API not up within "
            + START_LIMIT
            + ": "
            + child.tail());
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot call Kafka Connect: " + e.getMessage() + ": " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot call Kafka Connect: interrupted", e);
    }
  }

  private static String properties(Map<String, String> settings) {
    StringBuilder text = new StringBuilder();
    settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return text.toString();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot wait: interrupted", e);
    }
  }
}
