package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.testsupport.kafka.KafkaExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftway run} as a process of its own, stopped by a real SIGINT or SIGTERM while records
 * flow: it stops with a savepoint, says where it is, exits 0, and the table holds every record it
 * committed exactly once.
 *
 * <p>What a stop-with-savepoint promises is precise: every record the source read before the
 * savepoint's barrier is committed; records still in Kafka are for the next run. So the test first
 * lets a checkpoint commit a known first batch, then signals while a second batch is being
 * produced, and checks the table holds the first batch and, of the second, a gap-free prefix (one
 * partition, read in order) with no id twice.
 */
@ExtendWith(KafkaExtension.class)
class RunSignalStopIT {

  private static final Path REPO = Path.of(System.getProperty("driftway.repo.root", ".."));
  private static final int FIRST_BATCH = 200;
  private static final TableIdentifier EVENTS = TableIdentifier.of("stop", "events");

  @Test
  void sigintStopsWithASavepointThatCommitsWhatWasRead(KafkaBroker kafka, @TempDir Path dir)
      throws Exception {
    stopsCleanlyOn("INT", kafka, dir);
  }

  @Test
  void sigtermStopsWithASavepointThatCommitsWhatWasRead(KafkaBroker kafka, @TempDir Path dir)
      throws Exception {
    stopsCleanlyOn("TERM", kafka, dir);
  }

  private static void stopsCleanlyOn(String signal, KafkaBroker kafka, Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = kafka.createTopic("stop-" + suffix, 1);
    Path warehouse = dir.resolve("warehouse");
    Path pipeline = dir.resolve("stop.yaml");
    Files.writeString(
        pipeline,
        """
        name: stop-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          table: events
        tables:
          - name: events
            database: stop
        warehouse:
          location: %s
        catalog:
          type: hadoop
        checkpointing:
          interval: 1s
          storage: %s
        parallelism: 1
        """
            .formatted(
                suffix,
                kafka.bootstrapServers(),
                topic,
                warehouse,
                dir.resolve("state").resolve("checkpoints").toUri()));
    HadoopCatalog catalog =
        new HadoopCatalog(new org.apache.hadoop.conf.Configuration(), warehouse.toString());

    try (Producer producer = new Producer(kafka, topic)) {
      producer.produce(FIRST_BATCH);
      Process run = start(pipeline, dir);
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> ids(catalog).size() >= FIRST_BATCH);
        // Records flow when the signal arrives: the savepoint cuts the second batch mid-way.
        producer.keepProducing();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> producer.produced() >= FIRST_BATCH + 100);
        signal(run, signal);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("driftway run exits").isTrue();
      } finally {
        run.destroyForcibly();
      }
      producer.stop();

      String out = Files.readString(dir.resolve("out.txt"));
      String err = Files.readString(dir.resolve("err.txt"));
      assertThat(run.exitValue()).as(out + err).isZero();
      assertThat(out)
          .contains("SIG" + signal + ": stopping with a savepoint")
          .containsPattern("Stopped with savepoint file:\\S+/savepoints/savepoint-\\S+");
      List<Long> ids = ids(catalog);
      assertThat(new HashSet<>(ids)).as("no id twice").hasSameSizeAs(ids);
      assertThat(ids)
          .hasSizeGreaterThanOrEqualTo(FIRST_BATCH)
          .hasSizeLessThanOrEqualTo((int) producer.produced())
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, ids.size()).boxed().toList());
    }
  }

  /**
   * {@code driftway run <pipeline>} in a JVM of its own, as the {@code ./driftway} launcher runs
   * it.
   */
  private static Process start(Path pipeline, Path dir) throws IOException {
    Path target = REPO.resolve("stream-jobs").resolve("target");
    String classpath =
        target.resolve("classes")
            + ":"
            + Files.readString(target.resolve("classpath.txt"), StandardCharsets.UTF_8).trim();
    List<String> command = new ArrayList<>();
    // A JVM keeps a signal ignored when it started ignored (as a background job of a script
    // starts): env restores the default action, so the signals reach Driftway's handlers however
    // the build was started.
    command.addAll(List.of("/usr/bin/env", "--default-signal=INT,TERM"));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx1g", "-Daws.cborEnabled=false", "-cp", classpath));
    command.addAll(List.of(Driftway.class.getName(), "run", pipeline.toString()));
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .start();
  }

  private static void signal(Process process, String signal) throws Exception {
    Process kill =
        new ProcessBuilder("/bin/kill", "-s", signal, Long.toString(process.pid()))
            .inheritIO()
            .start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -s %s", signal).isZero();
  }

  private static List<Long> ids(HadoopCatalog catalog) {
    if (!catalog.tableExists(EVENTS)) {
      return List.of();
    }
    List<Long> ids = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(EVENTS)).build()) {
      rows.forEach(r -> ids.add(((Number) r.getField("id")).longValue()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  /** Produces records with ids 0, 1, 2, ... to one partition, in order. */
  private static final class Producer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicLong next = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private CompletableFuture<Void> background = CompletableFuture.completedFuture(null);

    Producer(KafkaBroker kafka, String topic) {
      Properties props = kafka.clientProperties();
      props.put("acks", "all");
      this.producer =
          new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
      this.topic = topic;
    }

    void produce(int count) throws Exception {
      for (int i = 0; i < count; i++) {
        send();
      }
    }

    void keepProducing() {
      running.set(true);
      background =
          CompletableFuture.runAsync(
              () -> {
                while (running.get()) {
                  try {
                    send();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
              });
    }

    /** Records acknowledged by the broker. */
    long produced() {
      return next.get();
    }

    void stop() throws Exception {
      running.set(false);
      background.get(30, TimeUnit.SECONDS);
    }

    private void send() throws Exception {
      long id = next.get();
      String json = "{\"id\": %d, \"note\": \"n%d\"}".formatted(id, id % 13);
      producer.send(new ProducerRecord<>(topic, json.getBytes(StandardCharsets.UTF_8))).get();
      next.incrementAndGet();
    }

    @Override
    public void close() {
      running.set(false);
      producer.close();
    }
  }
}
