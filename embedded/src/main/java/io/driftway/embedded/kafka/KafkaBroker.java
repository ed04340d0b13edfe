package io.driftway.embedded.kafka;

import io.driftway.embedded.process.ChildProcess;
import io.driftway.embedded.process.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker in its own JVM, in KRaft combined mode (broker and controller), listening on
 * 127.0.0.1 with two free ports, for {@code driftway demo}, benchmarks and tests. It runs from the
 * Kafka jars on this JVM's classpath, the way a real deployment runs {@code kafka.Kafka}.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start(Files.createTempDirectory("kafka"))) {
 *   kafka.createTopic("orders", 2);
 *   producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(90);

  private final String bootstrapServers;
  private final Path dir;
  private final List<String> serverCommand;
  private volatile ChildProcess process;

  private KafkaBroker(
      ChildProcess process, String bootstrapServers, Path dir, List<String> serverCommand) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
    this.dir = dir;
    this.serverCommand = List.copyOf(serverCommand);
  }

  /** Formats a fresh log directory under {@code dir} and starts a broker on it. */
  public static KafkaBroker start(Path dir) throws IOException {
    int brokerPort = FreePorts.next();
    int controllerPort = FreePorts.next();
    Path config = writeConfig(dir, brokerPort, controllerPort);
    Path log = dir.resolve("broker.log");
    List<String> java = javaCommand(dir);

    List<String> format = new ArrayList<>(java);
    format.addAll(
        List.of(
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            config.toString()));
    ChildProcess.run("Kafka storage format", format, dir, log, STARTUP_LIMIT);

    List<String> server = new ArrayList<>(java);
    server.addAll(List.of("kafka.Kafka", config.toString()));
    ChildProcess process = ChildProcess.start("Kafka broker", server, dir, log);
    KafkaBroker broker = new KafkaBroker(process, "127.0.0.1:" + brokerPort, dir, server);
    try {
      broker.awaitReady();
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return broker;
  }

  /** {@code host:port} for the {@code bootstrap.servers} client setting. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Client properties that reach this broker; add serializers and group ids as needed. */
  public Properties clientProperties() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }

  /** Creates a topic with the given partition count and returns its name. */
  public String createTopic(String name, int partitions) {
    try (Admin admin = Admin.create(clientProperties())) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      return name;
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Cannot create topic: " + e.getMessage() + ": " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot create topic: interrupted: " + name, e);
    }
  }

  /** The broker's working directory: config, data and {@code broker.log}. */
  public Path directory() {
    return dir;
  }

  /**
   * Stops the broker process and starts it again on the same ports and data, as an operator's
   * broker restart does; returns once it serves again. Fault tests use it while clients run.
   */
  public synchronized void restart() {
    process.close();
    process = ChildProcess.start("Kafka broker", serverCommand, dir, dir.resolve("broker.log"));
    awaitReady();
  }

  @Override
  public void close() {
    process.close();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    Properties props = clientProperties();
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        process.checkAlive();
        try {
          if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
          // Not listening yet: try again until the deadline.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Cannot start Kafka broker: interrupted", e);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Cannot start Kafka broker: not ready within "
                  + STARTUP_LIMIT
                  + ": "
                  + process.tail());
        }
      }
    }
  }

  private static Path writeConfig(Path dir, int brokerPort, int controllerPort) throws IOException {
    Path logDirs = Files.createDirectories(dir.resolve("data"));
    Map<String, String> settings =
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry(
                "listeners",
                "PLAINTEXT://127.0.0.1:"
                    + brokerPort
                    + ",CONTROLLER://127.0.0.1:"
                    + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
            Map.entry("log.dirs", logDirs.toString()),
            Map.entry("num.partitions", "1"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "4"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "4"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("auto.create.topics.enable", "true"));
    StringBuilder text = new StringBuilder();
    settings.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> text.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
    Path config = dir.resolve("server.properties");
    Files.writeString(config, text, StandardCharsets.UTF_8);
    return config;
  }

  private static List<String> javaCommand(Path dir) {
    Path log4j = dir.resolve("log4j2.properties");
    try {
      Files.writeString(
          log4j,
          """
          rootLogger.level = WARN
          rootLogger.appenderRef.out.ref = out
          appender.out.type = Console
          appender.out.name = out
          appender.out.layout.type = PatternLayout
          appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
          logger.server.name = kafka.server.KafkaRaftServer
          logger.server.level = INFO
          """,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Kafka log config: " + log4j, e);
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        javaBin,
        "-Xms128m",
        "-Xmx512m",
        "-XX:+UseSerialGC",
        "-Djava.awt.headless=true",
        "-Dlog4j2.configurationFile=" + log4j,
        "-cp",
        System.getProperty("java.class.path"));
  }
}
