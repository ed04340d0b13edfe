package io.driftway.loadtests.pipeline;

import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.flink.FlinkCluster;
import io.driftway.testsupport.kafka.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonRowDataDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.IcebergSink;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka → Iceberg, Driftway's pipeline against a static-schema Flink job on the same records.
 *
 * <p>A Kafka broker in its own JVM (test-support's {@link KafkaBroker}) holds {@code bench.records}
 * 1 KB JSON records in a topic of 2 partitions, with a new field every 100,000 records. On one
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
 * <p>Each run reports records per CPU-second of this JVM (the broker's CPU is not counted) and wall
 * throughput. Then freshness: the Driftway pipeline runs on a fresh topic while records are
 * produced at {@code bench.freshness-load} (0.8) of the baseline's best throughput for {@code
 * bench.freshness-seconds}; each committed snapshot is observed by polling, and each record's
 * freshness is estimated as (observed time − its produce time), its produce time spread evenly
 * between the {@code produced_at_ms} bounds Iceberg keeps for the data file it is in.
 *
 * <p>Prints a table, then as its last line one JSON object. Run by {@code ./load-tests/bench
 * pipeline}. Settings (system properties): {@code bench.records} (200000), {@code bench.rounds} (2;
 * each round runs both jobs, in alternating order, and each job keeps its best round: the first
 * round mostly warms the JIT up), {@code bench.checkpoint-seconds} (5), {@code
 * bench.freshness-seconds} (30), {@code bench.freshness-load} (0.8), {@code bench.freshness-rate}
 * (records/s; overrides the load), {@code bench.seed} (42).
 */
public final class PipelineBench {

  private static final int PARALLELISM = 2;
  private static final String DATABASE = "bench";
  private static final Duration RUN_LIMIT = Duration.ofMinutes(5);
  private static final long POLL_MILLIS = 100;
  private static final AtomicReference<Exception> SEND_FAILURE = new AtomicReference<>();

  private PipelineBench() {}

  /** One job's run over the backlog. */
  record Run(
      String job,
      long records,
      double cpuSeconds,
      double wallSeconds,
      double peakRecordsPerSecond) {

    double recordsPerCpuSecond() {
      return records / cpuSeconds;
    }

    double recordsPerSecond() {
      return records / wallSeconds;
    }
  }

  /** A committed snapshot as a poller saw it. */
  record Seen(long snapshotId, long committedAtMillis, long observedAtMillis, long totalRecords) {}

  /** Freshness of the records of the sustained-rate phase, in seconds. */
  record Freshness(
      double rate,
      long records,
      double p50,
      double p99,
      double max,
      double commitP99,
      int commits) {}

  public static void main(String[] args) throws Exception {
    int records = Integer.getInteger("bench.records", 200_000);
    int rounds = Integer.getInteger("bench.rounds", 2);
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

    Run driftway = null;
    Run baseline = null;
    double baselinePeak = 0;
    Freshness freshness;
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
            driftway = best(driftway, run);
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
            baseline = best(baseline, run);
            // Both are lower bounds of what the job can do: the wall rate counts its start and the
            // first checkpoint's random delay, a rate between commits may include idle time.
            baselinePeak =
                Math.max(
                    baselinePeak, Math.max(run.peakRecordsPerSecond(), run.recordsPerSecond()));
            print(run);
          }
        }
      }
      if (driftway == null || baseline == null) {
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
    report(
        records,
        driftway,
        baseline,
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
    PipelineSpec spec = driftwaySpec(kafka, topic, table, warehouse, checkpoint);
    StreamExecutionEnvironment env =
        flink.environment(PARALLELISM, PipelineJob.configuration(spec));
    PipelineJob.build(env, spec);
    Catalog catalog =
        IcebergCatalogs.builder("bench-poll")
            .warehouse(warehouse.toString())
            .hadoop()
            .build()
            .loadCatalog();
    return measure(
        "driftway", env, spec.name(), catalog, TableIdentifier.of(DATABASE, table), records);
  }

  private static PipelineSpec driftwaySpec(
      KafkaBroker kafka, String topic, String table, Path warehouse, Duration checkpoint) {
    String yaml =
        """
        name: bench-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              group-id: bench-%s
              starting-position: earliest
        format:
          type: json
        routing:
          table: %s
        tables:
          - name: %s
            database: %s
        warehouse:
          location: %s
        catalog:
          type: hadoop
        checkpointing:
          interval: %ds
        parallelism: %d
        alerts:
          log: true
        """
            .formatted(
                table,
                kafka.bootstrapServers(),
                topic,
                table,
                table,
                table,
                DATABASE,
                warehouse,
                checkpoint.toSeconds(),
                PARALLELISM);
    return PipelineSpecLoader.parse("bench-" + table + ".yaml", yaml, name -> null);
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
    RowType rowType = FlinkSchemaUtil.convert(schema);
    JsonRowDataDeserializationSchema json =
        new JsonRowDataDeserializationSchema(
            rowType, InternalTypeInfo.of(rowType), false, false, TimestampFormat.ISO_8601);
    KafkaSource<RowData> source =
        KafkaSource.<RowData>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setTopics(topic)
            .setGroupId("bench-" + table)
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setValueOnlyDeserializer(json)
            .build();
    StreamExecutionEnvironment env = flink.environment(PARALLELISM);
    // The same execution settings as the pipeline: a fair baseline skips the per-record copies too.
    env.getConfig().enableObjectReuse();
    env.enableCheckpointing(checkpoint.toMillis(), CheckpointingMode.EXACTLY_ONCE);
    DataStream<RowData> rows =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka").uid(table + "-kafka");
    IcebergSink.forRowData(rows)
        .tableLoader(TableLoader.fromCatalog(catalogLoader, id))
        .writeParallelism(PARALLELISM)
        .uidSuffix(table)
        .append();
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
    List<Seen> seen = new ArrayList<>();
    try {
      awaitRecords(client, catalog, id, records, seen, wallStart);
    } finally {
      client.cancel().get(60, TimeUnit.SECONDS);
    }
    long cpuEnd = cpuNanos();
    long wallEnd = System.nanoTime();
    return new Run(
        job,
        seen.get(seen.size() - 1).totalRecords(),
        seconds(cpuEnd - cpuStart),
        seconds(wallEnd - wallStart),
        peakRate(seen));
  }

  private static void awaitRecords(
      JobClient client,
      Catalog catalog,
      TableIdentifier id,
      long records,
      List<Seen> seen,
      long wallStart) {
    long deadline = wallStart + RUN_LIMIT.toNanos();
    Table table = null;
    while (true) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Cannot measure job: "
                + records
                + " records not committed in "
                + RUN_LIMIT
                + ": "
                + id);
      }
      if (client.getJobStatus().join().isGloballyTerminalState()) {
        throw new IllegalStateException(
            "Cannot measure job: it ended before committing every record: " + id);
      }
      if (table == null) {
        table = tryLoad(catalog, id);
      } else {
        table.refresh();
      }
      Seen latest = table == null ? null : observe(table);
      // One entry per snapshot seen; the backlog runs stop at the first that holds every record.
      if (latest != null
          && (seen.isEmpty() || seen.get(seen.size() - 1).snapshotId() != latest.snapshotId())) {
        seen.add(latest);
        if (latest.totalRecords() >= records) {
          return;
        }
      }
      sleep(POLL_MILLIS);
    }
  }

  /** The highest rate between two consecutive commits: the job's throughput while it was busy. */
  private static double peakRate(List<Seen> seen) {
    double peak = 0;
    for (int i = 1; i < seen.size(); i++) {
      Seen a = seen.get(i - 1);
      Seen b = seen.get(i);
      long millis = b.committedAtMillis() - a.committedAtMillis();
      if (millis > 0) {
        peak = Math.max(peak, (b.totalRecords() - a.totalRecords()) * 1000.0 / millis);
      }
    }
    return peak;
  }

  private static Freshness freshness(
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
    PipelineSpec spec = driftwaySpec(kafka, topic, tableName, warehouse, checkpoint);
    StreamExecutionEnvironment env =
        flink.environment(PARALLELISM, PipelineJob.configuration(spec));
    PipelineJob.build(env, spec);
    JobClient client = env.executeAsync(spec.name());
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      // Warm up: the table exists and the job is past its start before the clock runs.
      int warmUp = 1_000;
      for (int i = 0; i < warmUp; i++) {
        send(
            producer, new ProducerRecord<>(topic, generator.record(i, System.currentTimeMillis())));
      }
      flush(producer);
      List<Seen> warm = new ArrayList<>();
      awaitRecords(client, catalog, id, warmUp, warm, System.nanoTime());
      long firstFreshSnapshot = warm.get(warm.size() - 1).snapshotId();
      log("freshness: producing %.0f records/s for %d s", rate, seconds);

      List<Seen> seen = new ArrayList<>();
      Thread poller =
          new Thread(
              () -> {
                try {
                  awaitRecords(client, catalog, id, Long.MAX_VALUE, seen, System.nanoTime());
                } catch (RuntimeException stopped) {
                  // Interrupted at the end of the phase (expected), or the job failed, which the
                  // committed count below reports.
                  if (!Thread.currentThread().isInterrupted()) {
                    log("freshness poller stopped: %s", stopped.getMessage());
                  }
                }
              },
              "freshness-poller");
      poller.setDaemon(true);
      poller.start();
      long sent = produceAtRate(producer, topic, generator, warmUp, rate, seconds);
      long target = warmUp + sent;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      Table table = catalog.loadTable(id);
      while (total(table) < target && System.nanoTime() < deadline) {
        sleep(POLL_MILLIS);
        table.refresh();
      }
      sleep(2 * POLL_MILLIS);
      poller.interrupt();
      poller.join(10_000);
      if (total(table) < target) {
        throw new IllegalStateException(
            "Cannot measure freshness: "
                + target
                + " records produced, "
                + total(table)
                + " committed 60 s after the producer stopped: "
                + id);
      }
      // Read only after join: the poller is the list's one writer.
      return estimate(table, seen, firstFreshSnapshot, rate, sent);
    } finally {
      client.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * Per-record freshness from each snapshot's added data files: a file's records are spread evenly
   * between its {@code produced_at_ms} lower and upper bounds (the producer sends at a fixed rate).
   * A snapshot is visible from the first poll that saw its row count or more, so a commit the
   * poller skipped over still counts, from when its successor was seen.
   */
  private static Freshness estimate(
      Table table, List<Seen> seen, long afterSnapshot, double rate, long sent) {
    Types.NestedField producedAt = table.schema().findField(PipelineRecords.PRODUCED_AT);
    List<Snapshot> chain = new ArrayList<>();
    for (Snapshot s = table.currentSnapshot();
        s != null && s.snapshotId() != afterSnapshot;
        s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
      chain.add(0, s);
    }
    List<double[]> visible = new ArrayList<>();
    List<double[]> committed = new ArrayList<>();
    int commits = 0;
    for (Snapshot snapshot : chain) {
      long rows = total(snapshot);
      Seen first =
          seen.stream()
              .filter(s -> s.totalRecords() >= rows)
              .min(Comparator.comparingLong(Seen::observedAtMillis))
              .orElse(null);
      if (first == null) {
        continue;
      }
      commits++;
      for (DataFile file : snapshot.addedDataFiles(table.io())) {
        ByteBuffer lower = file.lowerBounds().get(producedAt.fieldId());
        ByteBuffer upper = file.upperBounds().get(producedAt.fieldId());
        if (lower == null || upper == null) {
          continue;
        }
        long lo = Conversions.<Long>fromByteBuffer(producedAt.type(), lower);
        long hi = Conversions.<Long>fromByteBuffer(producedAt.type(), upper);
        int n = (int) file.recordCount();
        double[] v = new double[n];
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
          double produced = lo + (hi - lo) * (k + 0.5) / n;
          v[k] = (first.observedAtMillis() - produced) / 1000.0;
          c[k] = (snapshot.timestampMillis() - produced) / 1000.0;
        }
        visible.add(v);
        committed.add(c);
      }
    }
    double[] all = flatten(visible);
    double[] commit = flatten(committed);
    if (all.length == 0) {
      throw new IllegalStateException("Cannot measure freshness: no snapshot seen after warm-up");
    }
    return new Freshness(
        rate,
        sent,
        percentile(all, 0.50),
        percentile(all, 0.99),
        all[all.length - 1],
        percentile(commit, 0.99),
        commits);
  }

  private static double[] flatten(List<double[]> parts) {
    double[] all = parts.stream().flatMapToDouble(Arrays::stream).toArray();
    Arrays.sort(all);
    return all;
  }

  private static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
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

  private static Table tryLoad(Catalog catalog, TableIdentifier id) {
    try {
      return catalog.loadTable(id);
    } catch (NoSuchTableException notYet) {
      return null;
    }
  }

  private static Seen observe(Table table) {
    Snapshot snapshot = table.currentSnapshot();
    if (snapshot == null) {
      return null;
    }
    return new Seen(
        snapshot.snapshotId(),
        snapshot.timestampMillis(),
        System.currentTimeMillis(),
        total(snapshot));
  }

  private static long total(Table table) {
    Snapshot snapshot = table.currentSnapshot();
    return snapshot == null ? 0 : total(snapshot);
  }

  private static long total(Snapshot snapshot) {
    Map<String, String> summary = snapshot.summary();
    return Long.parseLong(summary.getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
  }

  /** CPU time of this JVM (all threads: Flink's, Kafka clients', the poller's). */
  private static long cpuNanos() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("Cannot read CPU time: not on this OS"))
        .toNanos();
  }

  private static Run best(Run current, Run candidate) {
    return current == null || candidate.recordsPerCpuSecond() > current.recordsPerCpuSecond()
        ? candidate
        : current;
  }

  private static void print(Run run) {
    log(
        "%s: %,d records, %.1f CPU-s, %.1f s wall: %,.0f records/CPU-s, %,.0f records/s wall,"
            + " %,.0f records/s peak",
        run.job(),
        run.records(),
        run.cpuSeconds(),
        run.wallSeconds(),
        run.recordsPerCpuSecond(),
        run.recordsPerSecond(),
        run.peakRecordsPerSecond());
  }

  private static void report(
      long records,
      Run driftway,
      Run baseline,
      Freshness freshness,
      Duration checkpoint,
      double benchSeconds) {
    double ratio = driftway.recordsPerCpuSecond() / baseline.recordsPerCpuSecond();
    double interval = checkpoint.toMillis() / 1000.0;
    System.out.printf(
        Locale.ROOT,
        "%-10s %12s %10s %10s %14s %14s%n",
        "job",
        "records",
        "cpu_s",
        "wall_s",
        "records/cpu_s",
        "records/s");
    for (Run run : List.of(driftway, baseline)) {
      System.out.printf(
          Locale.ROOT,
          "%-10s %12d %10.1f %10.1f %14.0f %14.0f%n",
          run.job(),
          run.records(),
          run.cpuSeconds(),
          run.wallSeconds(),
          run.recordsPerCpuSecond(),
          run.recordsPerSecond());
    }
    System.out.printf(
        Locale.ROOT,
        "ratio vs static %.3f (bar 0.9); freshness at %.0f records/s: p50 %.2f s, p99 %.2f s,"
            + " max %.2f s over %d commits (bar p99 <= %.1f s)%n",
        ratio,
        freshness.rate(),
        freshness.p50(),
        freshness.p99(),
        freshness.max(),
        freshness.commits(),
        interval + 1);
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"bench\":\"pipeline\",\"records\":%d,\"records_per_cpu_s\":%.1f,"
                + "\"baseline_records_per_cpu_s\":%.1f,\"ratio_vs_static\":%.3f,"
                + "\"records_per_s\":%.1f,\"baseline_records_per_s\":%.1f,"
                + "\"peak_records_per_s\":%.1f,\"baseline_peak_records_per_s\":%.1f,"
                + "\"wall_s\":%.2f,\"baseline_wall_s\":%.2f,"
                + "\"cpu_s\":%.2f,\"baseline_cpu_s\":%.2f,"
                + "\"freshness_rate_per_s\":%.1f,\"freshness_records\":%d,"
                + "\"freshness_p50_s\":%.3f,\"freshness_p99_s\":%.3f,\"freshness_max_s\":%.3f,"
                + "\"freshness_commit_p99_s\":%.3f,"
                + "\"checkpoint_interval_s\":%.1f,\"freshness_p99_over_checkpoint_s\":%.3f,"
                + "\"ratio_bar\":0.9,\"bars_met\":%b,\"parallelism\":%d,\"bench_s\":%.1f}",
            records,
            driftway.recordsPerCpuSecond(),
            baseline.recordsPerCpuSecond(),
            ratio,
            driftway.recordsPerSecond(),
            baseline.recordsPerSecond(),
            driftway.peakRecordsPerSecond(),
            baseline.peakRecordsPerSecond(),
            driftway.wallSeconds(),
            baseline.wallSeconds(),
            driftway.cpuSeconds(),
            baseline.cpuSeconds(),
            freshness.rate(),
            freshness.records(),
            freshness.p50(),
            freshness.p99(),
            freshness.max(),
            freshness.commitP99(),
            interval,
            freshness.p99() - interval,
            ratio >= 0.9 && freshness.p99() - interval <= 1.0,
            PARALLELISM,
            benchSeconds));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot wait: interrupted", e);
    }
  }

  private static void log(String format, Object... args) {
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
