package io.driftway.testsupport.flink;

import io.driftway.embedded.process.ChildProcess;
import io.driftway.embedded.process.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Flink standalone session cluster as separate JVMs on 127.0.0.1: one JobManager and one
 * TaskManager started from Flink's jars on the test classpath, the way {@code bin/jobmanager.sh}
 * and {@code bin/taskmanager.sh} start them. Jobs reach it through its REST endpoint, as {@code
 * driftway submit --flink <url>} does against a real cluster.
 *
 * <pre>{@code
 * try (FlinkSessionCluster cluster = FlinkSessionCluster.start(Files.createTempDirectory("flink"))) {
 *   URI rest = cluster.restAddress();
 * }
 * }</pre>
 */
public final class FlinkSessionCluster implements AutoCloseable {

  private static final Duration STARTUP_LIMIT = Duration.ofMinutes(2);

  private final ChildProcess jobManager;
  private final URI restAddress;
  private final Path conf;
  private final Path dir;
  private volatile ChildProcess taskManager;

  private FlinkSessionCluster(
      ChildProcess jobManager, ChildProcess taskManager, URI restAddress, Path conf, Path dir) {
    this.jobManager = jobManager;
    this.taskManager = taskManager;
    this.restAddress = restAddress;
    this.conf = conf;
    this.dir = dir;
  }

  /**
   * Starts on new ports at most this often: a port found free can be taken (by any process's
   * outgoing connection) before Flink binds it, and then the JobManager or TaskManager exits.
   */
  private static final int ATTEMPTS = 3;

  private static final List<String> LOGS = List.of("jobmanager.log", "taskmanager.log");

  /** Starts the JobManager, then the TaskManager, and waits until the TaskManager registered. */
  public static FlinkSessionCluster start(Path dir) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(dir);
      } catch (IllegalStateException e) {
        if (attempt >= ATTEMPTS || !portTaken(dir)) {
          throw e;
        }
        // Keep the failed attempt's logs beside the next one's.
        for (String log : LOGS) {
          Path file = dir.resolve(log);
          if (Files.exists(file)) {
            Files.move(
                file,
                dir.resolve(log.replace(".log", "-attempt-" + attempt + ".log")),
                StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }

  /** Whether a JVM of the last attempt exited because one of its ports was taken. */
  private static boolean portTaken(Path dir) throws IOException {
    for (String log : LOGS) {
      Path file = dir.resolve(log);
      if (Files.exists(file)
          && Files.readString(file, StandardCharsets.UTF_8).contains("java.net.BindException")) {
        return true;
      }
    }
    return false;
  }

  private static FlinkSessionCluster startOnce(Path dir) throws IOException, InterruptedException {
    int restPort = FreePorts.next();
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        conf.resolve("config.yaml"),
        String.join(
            "\n",
            "jobmanager.rpc.address: 127.0.0.1",
            "jobmanager.rpc.port: " + FreePorts.next(),
            "jobmanager.bind-host: 127.0.0.1",
            "jobmanager.memory.process.size: 1024m",
            "rest.address: 127.0.0.1",
            "rest.bind-address: 127.0.0.1",
            "rest.port: " + restPort,
            "blob.server.port: " + FreePorts.next(),
            "taskmanager.host: 127.0.0.1",
            "taskmanager.bind-host: 127.0.0.1",
            "taskmanager.rpc.port: " + FreePorts.next(),
            "taskmanager.data.port: " + FreePorts.next(),
            "taskmanager.numberOfTaskSlots: 4",
            // bin/taskmanager.sh derives these from one process size; started directly, the
            // TaskManager needs each of them (they add up to 1280m).
            "taskmanager.cpu.cores: 2.0",
            "taskmanager.memory.framework.heap.size: 128m",
            "taskmanager.memory.task.heap.size: 384m",
            "taskmanager.memory.framework.off-heap.size: 128m",
            "taskmanager.memory.task.off-heap.size: 0m",
            "taskmanager.memory.network.min: 64m",
            "taskmanager.memory.network.max: 64m",
            "taskmanager.memory.managed.size: 128m",
            "taskmanager.memory.jvm-metaspace.size: 256m",
            "taskmanager.memory.jvm-overhead.min: 192m",
            "taskmanager.memory.jvm-overhead.max: 192m",
            "parallelism.default: 1",
            // A TaskManager killed by a fault test is noticed in seconds, not after the default
            // 50 s heartbeat timeout.
            "heartbeat.interval: 1000",
            "heartbeat.timeout: 8000",
            "classloader.check-leaked-classloader: false",
            // The cluster JVMs run from the test classpath, which already holds every class a
            // submitted job uploads: parent-first keeps one copy of each (child-first would mix
            // a connector loaded from the parent with its Kafka classes loaded from the upload).
            "classloader.resolve-order: parent-first",
            "io.tmp.dirs: " + Files.createDirectories(dir.resolve("tmp")),
            ""),
        StandardCharsets.UTF_8);
    ChildProcess jobManager =
        ChildProcess.start(
            "Flink JobManager",
            java(
                "-Xmx512m",
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                conf,
                dir),
            dir,
            dir.resolve("jobmanager.log"));
    ChildProcess taskManager = startTaskManager(conf, dir);
    FlinkSessionCluster cluster =
        new FlinkSessionCluster(
            jobManager, taskManager, URI.create("http://127.0.0.1:" + restPort), conf, dir);
    try {
      cluster.awaitTaskManager();
    } catch (RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private static ChildProcess startTaskManager(Path conf, Path dir) {
    return ChildProcess.start(
        "Flink TaskManager",
        java(
            "-Xmx512m -XX:MaxDirectMemorySize=256m",
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            conf,
            dir),
        dir,
        dir.resolve("taskmanager.log"));
  }

  /**
   * Kills the TaskManager with SIGKILL (no shutdown of any kind) and starts a new one on the same
   * configuration, as a supervisor (systemd, Kubernetes) restarts a crashed process; returns once
   * the new one registered. Fault tests use it while a job runs.
   */
  public synchronized void killAndRestartTaskManager() throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("/bin/kill", "-KILL", Long.toString(taskManager.pid()))
            .inheritIO()
            .start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException(
          "Cannot kill TaskManager: kill -KILL failed: " + taskManager.pid());
    }
    taskManager.close();
    taskManager = startTaskManager(conf, dir);
    awaitTaskManager();
  }

  /** The REST endpoint, {@code http://127.0.0.1:<port>}. */
  public URI restAddress() {
    return restAddress;
  }

  @Override
  public void close() {
    taskManager.close();
    jobManager.close();
  }

  private void awaitTaskManager() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      jobManager.checkAlive();
      taskManager.checkAlive();
      try {
        HttpResponse<String> overview =
            http.send(
                HttpRequest.newBuilder(restAddress.resolve("/overview")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (overview.statusCode() == 200 && !overview.body().contains("\"taskmanagers\":0")) {
          return;
        }
      } catch (IOException notYet) {
        // The REST endpoint is not up yet: try again until the deadline.
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IllegalStateException(
        "Cannot start Flink session cluster: no TaskManager registered within "
            + STARTUP_LIMIT
            + ": "
            + jobManager.tail()
            + "\n"
            + taskManager.tail());
  }

  private static List<String> java(String heap, String mainClass, Path conf, Path dir) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(heap.split(" ", -1)));
    command.add("-XX:+UseSerialGC");
    command.add("-Dlog4j2.configurationFile=" + log4j(dir));
    command.add("--add-opens=java.base/java.util=ALL-UNNAMED");
    command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.add("--configDir");
    command.add(conf.toString());
    return command;
  }

  private static String log4j(Path dir) {
    Path file = dir.resolve("log4j2.properties");
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
      throw new java.io.UncheckedIOException("Cannot write Flink log config: " + file, e);
    }
    return file.toString();
  }
}
