package io.driftway.loadtests.pipeline;

import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.spec.PipelineSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.json.JsonRowDataDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.sink.IcebergSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka → Iceberg, Driftway's pipeline against a static-schema Flink job on the same records.
 *
 * <p>A Kafka broker in its own JVM (embedded's {@link KafkaBroker}) holds {@code bench.records} 1
 * KB JSON records in a topic of 2 partitions, with a new field every 100,000 records. On one
 * MiniCluster in this JVM, one after the other, with the same parallelism (2) and checkpoint
 * interval, each job reads the topic from the start into its own Iceberg table (Hadoop catalog on a
 * local folder) until the table's committed {@code total-records} reaches the record count:
 *
 * <ol>
 *   <li>Driftway: a pipeline spec through {@link PipelineJob#build}: decode, track and conform,
 *       {@code DynamicIcebergSink}; the table is created and evolved by the sink;
 *   <li>the baseline: {@code KafkaSource} with Flink's {@link JsonRowDataDeserializationSchema}
 *       into a fixed schema, Iceberg's plain {@link IcebergSink} into a table created beforehand.
 * </ol>
 *
 * <p>Each run reports records per CPU-second of this JVM (the broker's CPU is not counted), after
 * the first commit (the headline: the steady state, without submission, start-up and the first
 * interval) and over the whole run, and wall throughput; the ratio is taken per round and reported
 * as its median and range. Then freshness: the Driftway pipeline runs on a fresh topic while
 * records are produced at {@code bench.freshness-load} (0.8) of the baseline's best throughput for
 * {@code bench.freshness-seconds}; each committed snapshot is observed by polling, and each
 * record's freshness is estimated as (observed time − its produce time), its produce time spread
 * evenly between the {@code produced_at_ms} bounds Iceberg keeps for the data file it is in.
 *
 * <p>Prints a table, then as its last line one JSON object. Run by {@code ./load-tests/bench
 * pipeline}. Settings (system properties): {@code bench.records} (2000000), {@code bench.rounds}
 * (3; each round runs both jobs, in alternating order), {@code bench.checkpoint-seconds} (5),
 * {@code bench.freshness-seconds} (30), {@code bench.freshness-load} (0.8), {@code
 * bench.freshness-rate} (records/s; overrides the load), {@code bench.seed} (42).
 */
public final class PipelineBench {

  static final int PARALLELISM = 2;
  private static final String DATABASE = BenchJobs.DATABASE;
  private static final Duration RUN_LIMIT = Duration.ofMinutes(30);
  private static final AtomicReference<Exception> SEND_FAILURE = new AtomicReference<>();

  private PipelineBench() {}

  /** One job's run over the backlog. */
  record Run(
      String job,
      long records,
      double cpuSeconds,
      double wallSeconds,
      double peakRecordsPerSecond,
      long steadyRecords,
      double steadyCpuSeconds) {

    double recordsPerCpuSecond() {
      return records / cpuSeconds;
    }

    /** Records per CPU-second after the first commit: the per-record cost without start-up. */
    double steadyRecordsPerCpuSecond() {
      return steadyRecords / steadyCpuSeconds;
    }

    /** Share of the run's CPU spent before the first commit. */
    double startupCpuShare() {
      return 1 - steadyCpuSeconds / cpuSeconds;
    }

    double recordsPerSecond() {
      return records / wallSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    int records = Integer.getInteger("bench.records", 2_000_000);
    int rounds = Integer.getInteger("bench.rounds", 3);
    Duration checkpoint = Duration.ofSeconds(Long.getLong("bench.checkpoint-seconds", 5L));
    int freshnessSeconds = Integer.getInteger("bench.freshness-seconds", 30);
    double freshnessLoad = Double.parseDouble(System.getProperty("bench.freshness-load", "0.8"));
    String fixedRate = System.getProperty("bench.freshness-rate", "");
    PipelineRecords generator = new PipelineRecords(Long.getLong("bench.seed", 42L));

    long benchStart = System.nanoTime();
    Path work = Files.createTempDirectory("driftway-pipeline-bench-");
    Path warehouse = Files.createDirectories(work.resolve("warehouse"));
    CatalogLoader catalogLoader =
        IcebergCatalogs.builder("bench").warehouse(warehouse.toString()).hadoop().build();
    Catalog catalog = catalogLoader.loadCatalog();
    ((SupportsNamespaces) catalog).createNamespace(Namespace.of(DATABASE));

    List<Run> driftwayRuns = new ArrayList<>();
    List<Run> baselineRuns = new ArrayList<>();
    double baselinePeak = 0;
    TableWatch.Freshness freshness;
    try (KafkaBroker kafka = KafkaBroker.start(Files.createDirectories(work.resolve("kafka")));
        FlinkCluster flink = FlinkCluster.start()) {
      String topic = kafka.createTopic("orders", 2);
      long produceStart = System.nanoTime();
      long bytes = produceBacklog(kafka, topic, generator, records);
      double produceSeconds = seconds(System.nanoTime() - produceStart);
      log(
          "produced %,d records (%.0f bytes each, %d drift events) in %.1f s",
          records, (double) bytes / records, PipelineRecords.driftEvents(records), produceSeconds);

      for (int round = 0; round < rounds; round++) {
        boolean driftwayFirst = round % 2 == 0;
        for (int turn = 0; turn < 2; turn++) {
          if (driftwayFirst == (turn == 0)) {
            Run run =
                runDriftway(
                    flink, kafka, topic, "driftway_" + round, warehouse, records, checkpoint);
            driftwayRuns.add(run);
            print(run);
          } else {
            Run run =
                runBaseline(
                    flink,
                    kafka,
                    topic,
                    "baseline_" + round,
                    catalog,
                    catalogLoader,
                    records,
                    checkpoint);
            baselineRuns.add(run);
            // Both are lower bounds of what the job can do: the wall rate counts its start and the
            // first checkpoint's random delay, a rate between commits may include idle time.
            baselinePeak =
                Math.max(
                    baselinePeak, Math.max(run.peakRecordsPerSecond(), run.recordsPerSecond()));
            print(run);
          }
        }
      }
      if (driftwayRuns.isEmpty()) {
        throw new IllegalArgumentException("Cannot run benchmark: bench.rounds must be at least 1");
      }

      double rate =
          fixedRate.isBlank() ? freshnessLoad * baselinePeak : Double.parseDouble(fixedRate);
      freshness =
          freshness(
              flink, kafka, generator, warehouse, catalog, checkpoint, rate, freshnessSeconds);
    } finally {
      delete(work);
    }
    // After the cluster and the broker are down: their shutdown logs must not follow the JSON line.
    PipelineReport.print(
        records,
        driftwayRuns,
        baselineRuns,
        freshness,
        checkpoint,
        seconds(System.nanoTime() - benchStart));
  }

  private static Run runDriftway(
      FlinkCluster flink,
      KafkaBroker kafka,
      String topic,
      String table,
      Path warehouse,
      long records,
      Duration checkpoint)
      throws Exception {
    PipelineSpec spec =
        BenchJobs.driftwaySpec(
            kafka.bootstrapServers(), topic, table, warehouse.toString(), checkpoint, PARALLELISM);
    StreamExecutionEnvironment env = flink.environment(PARALLELISM, BenchJobs.configuration(spec));
    BenchJobs.driftway(env, spec);
    Catalog catalog =
        IcebergCatalogs.builder("bench-poll")
            .warehouse(warehouse.toString())
            .hadoop()
            .build()
            .loadCatalog();
    return measure(
        "driftway", env, spec.name(), catalog, TableIdentifier.of(DATABASE, table), records);
  }

  private static Run runBaseline(
      FlinkCluster flink,
      KafkaBroker kafka,
      String topic,
      String table,
      Catalog catalog,
      CatalogLoader catalogLoader,
      long records,
      Duration checkpoint)
      throws Exception {
    TableIdentifier id = TableIdentifier.of(DATABASE, table);
    org.apache.iceberg.Schema schema = PipelineRecords.baselineSchema();
    catalog.createTable(id, schema, PartitionSpec.unpartitioned());
    StreamExecutionEnvironment env = flink.environment(PARALLELISM);
    BenchJobs.staticSchema(
        env, kafka.bootstrapServers(), topic, id, schema, catalogLoader, checkpoint, PARALLELISM);
    return measure("baseline", env, "bench-" + table, catalog, id, records);
  }

  /**
   * Submits the job and waits until the table's committed row count reaches {@code records}; the
   * CPU and wall clocks run from just before the submission to the first poll that sees the count.
   */
  private static Run measure(
      String job,
      StreamExecutionEnvironment env,
      String name,
      Catalog catalog,
      TableIdentifier id,
      long records)
      throws Exception {
    long cpuStart = cpuNanos();
    long wallStart = System.nanoTime();
    JobClient client = env.executeAsync(name);
    TableWatch watch = new TableWatch(catalog, id);
    TableWatch.Seen first;
    long cpuAtFirst;
    TableWatch.Seen last;
    try {
      // The CPU at the first commit splits the run: start-up (submission, JIT warm-up, the first
      // interval) before it, the steady per-record cost after it.
      first = watch.awaitRecords(1, RUN_LIMIT, () -> running(client));
      cpuAtFirst = cpuNanos();
      last = watch.awaitRecords(records, RUN_LIMIT, () -> running(client));
    } finally {
      client.cancel().get(60, TimeUnit.SECONDS);
    }
    long cpuEnd = cpuNanos();
    long wallEnd = System.nanoTime();
    return new Run(
        job,
        last.totalRecords(),
        seconds(cpuEnd - cpuStart),
        seconds(wallEnd - wallStart),
        watch.peakRate(),
        last.totalRecords() - first.totalRecords(),
        seconds(cpuEnd - cpuAtFirst));
  }

  private static boolean running(JobClient client) {
    return !client.getJobStatus().join().isGloballyTerminalState();
  }

  private static TableWatch.Freshness freshness(
      FlinkCluster flink,
      KafkaBroker kafka,
      PipelineRecords generator,
      Path warehouse,
      Catalog catalog,
      Duration checkpoint,
      double rate,
      int seconds)
      throws Exception {
    String topic = kafka.createTopic("fresh", 2);
    String tableName = "driftway_fresh";
    TableIdentifier id = TableIdentifier.of(DATABASE, tableName);
    PipelineSpec spec =
        BenchJobs.driftwaySpec(
            kafka.bootstrapServers(),
            topic,
            tableName,
            warehouse.toString(),
            checkpoint,
            PARALLELISM);
    StreamExecutionEnvironment env = flink.environment(PARALLELISM, BenchJobs.configuration(spec));
    BenchJobs.driftway(env, spec);
    JobClient client = env.executeAsync(spec.name());
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      // Warm up: the table exists and the job is past its start before the clock runs.
      int warmUp = 1_000;
      for (int i = 0; i < warmUp; i++) {
        send(
            producer, new ProducerRecord<>(topic, generator.record(i, System.currentTimeMillis())));
      }
      flush(producer);
      TableWatch watch = new TableWatch(catalog, id);
      long firstFreshSnapshot =
          watch.awaitRecords(warmUp, RUN_LIMIT, () -> running(client)).snapshotId();
      log("freshness: producing %.0f records/s for %d s", rate, seconds);

      Thread poller = watch.pollInBackground();
      long sent = produceAtRate(producer, topic, generator, warmUp, rate, seconds);
      long target = warmUp + sent;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      TableWatch check = new TableWatch(catalog, id);
      while ((check.poll() == null || check.last().totalRecords() < target)
          && System.nanoTime() < deadline) {
        TableWatch.sleep(TableWatch.POLL_MILLIS);
      }
      TableWatch.sleep(2 * TableWatch.POLL_MILLIS);
      poller.interrupt();
      poller.join(10_000);
      long committed = check.last() == null ? 0 : check.last().totalRecords();
      if (committed < target) {
        throw new IllegalStateException(
            "Cannot measure freshness: "
                + target
                + " records produced, "
                + committed
                + " committed 60 s after the producer stopped: "
                + id);
      }
      return watch.freshness(PipelineRecords.PRODUCED_AT, firstFreshSnapshot, rate, sent);
    } finally {
      client.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  private static long produceBacklog(
      KafkaBroker kafka, String topic, PipelineRecords generator, int records) {
    long bytes = 0;
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      long now = System.currentTimeMillis();
      for (int i = 0; i < records; i++) {
        byte[] value = generator.record(i, now);
        bytes += value.length;
        send(producer, new ProducerRecord<>(topic, value));
      }
      flush(producer);
    }
    return bytes;
  }

  /**
   * Sends at {@code rate} records per second for {@code seconds}, in 10 ms ticks, each record
   * stamped when it is handed to the producer. Returns how many were sent.
   */
  private static long produceAtRate(
      KafkaProducer<byte[], byte[]> producer,
      String topic,
      PipelineRecords generator,
      long firstSeq,
      double rate,
      int seconds) {
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long sent = 0;
    long tick = TimeUnit.MILLISECONDS.toNanos(10);
    for (long next = start; next < end; next += tick) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      long due = (long) (rate * seconds(next + tick - start));
      for (; sent < due; sent++) {
        send(
            producer,
            new ProducerRecord<>(
                topic, generator.record(firstSeq + sent, System.currentTimeMillis())));
      }
    }
    flush(producer);
    double actual = sent / seconds(System.nanoTime() - start);
    log("freshness: sent %,d records, %.0f records/s", sent, actual);
    return sent;
  }

  /** Sends asynchronously; a failed send fails the bench at the next {@link #flush}. */
  private static void send(
      KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
    Future<RecordMetadata> unused =
        producer.send(
            record,
            (metadata, e) -> {
              if (e != null) {
                SEND_FAILURE.compareAndSet(null, e);
              }
            });
  }

  /** Waits for every send, and throws the first failure of any. */
  private static void flush(KafkaProducer<byte[], byte[]> producer) {
    producer.flush();
    Exception failure = SEND_FAILURE.get();
    if (failure != null) {
      throw new IllegalStateException("Cannot produce records: " + failure.getMessage(), failure);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaBroker kafka) {
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** CPU time of this JVM (all threads: Flink's, Kafka clients', the poller's). */
  private static long cpuNanos() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("Cannot read CPU time: not on this OS"))
        .toNanos();
  }

  private static void print(Run run) {
    log(
        "%s: %,d records, %.1f CPU-s (%.0f%% before the first commit), %.1f s wall: %,.0f"
            + " records/CPU-s after the first commit (%,.0f in all), %,.0f records/s wall,"
            + " %,.0f records/s peak",
        run.job(),
        run.records(),
        run.cpuSeconds(),
        100 * run.startupCpuShare(),
        run.wallSeconds(),
        run.steadyRecordsPerCpuSecond(),
        run.recordsPerCpuSecond(),
        run.recordsPerSecond(),
        run.peakRecordsPerSecond());
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  static void log(String format, Object... args) {
    System.err.println("[bench] " + String.format(Locale.ROOT, format, args));
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete bench folder: " + dir, e);
    }
  }
}
