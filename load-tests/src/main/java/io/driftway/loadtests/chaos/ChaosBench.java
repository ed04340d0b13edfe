package io.driftway.loadtests.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.api.CommitFaults;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.loadtests.data.DriftSchedule;
import io.driftway.loadtests.data.EventFormat;
import io.driftway.loadtests.data.EventGenerator;
import io.driftway.platform.config.Configuration;
import io.driftway.streamjobs.cli.Driftway;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.s3.S3ProxyProcess;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Exactly once under seeded faults, at volume.
 *
 * <p>{@code bench.records} (1,000,000) 1 KB JSON records (the peers bench's drift schedule, 1%
 * malformed, chosen by the seed) go into a Kafka topic of 2 partitions on a broker in its own JVM,
 * at {@code bench.rate} (1,500) records per second while the pipeline runs ({@link Producer}).
 * {@code driftway run} (a JVM of its own, the embedded MiniCluster, checkpoints on S3 or, with
 * {@code bench.checkpoints=local}, in a folder) writes them into {@code chaos.events} through the
 * catalog bridge (Iceberg's GlueCatalog; the bridge runs in this JVM with its test-only {@link
 * CommitFaults} hook) on S3Proxy in a JVM of its own. While it does, {@code bench.faults} (12)
 * faults drawn from {@code bench.seed} ({@link FaultPlan}) strike: SIGKILL of the run JVM and a new
 * run, commits refused, commits applied but unanswered, the bridge restarted, the broker restarted,
 * S3Proxy killed and started again. A run that exits by itself is started again, as a supervisor
 * would. Once the table and its quarantine hold every record, the run is stopped with SIGTERM,
 * every row is read back and {@code driftway audit} runs.
 *
 * <p>Last line: one JSON object with {@code bench}, {@code records}, {@code faults}, {@code lost},
 * {@code duplicated}, {@code quarantine_expected}, {@code quarantine_rows}, {@code
 * files_in_two_snapshots}, {@code wall_s}, the fault list and the audit's verdict. Run by {@code
 * ./load-tests/bench chaos}.
 */
public final class ChaosBench {

  private static final String DATABASE = "chaos";
  private static final String TOPIC = "chaos";
  private static final TableIdentifier EVENTS = TableIdentifier.of(DATABASE, "events");
  private static final TableIdentifier QUARANTINE =
      TableIdentifier.of(DATABASE, "events_quarantine");
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final java.time.format.DateTimeFormatter CLOCK =
      java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  private final long records;
  private final long seed;
  private final double rate;
  private final boolean s3Checkpoints;
  private final Duration interval;
  private final Duration stallLimit;
  private final Path work;
  private final EventGenerator generator;
  private final CommitFaults commitFaults = CommitFaults.create();
  private final List<Map<String, Object>> struck = new ArrayList<>();
  private final long start = System.nanoTime();
  private KafkaBroker kafka;
  private S3ProxyProcess s3;
  private CatalogBridge bridge;
  private int bridgePort;
  private RunProcess run;
  private Catalog catalog;
  private int unplannedExits;
  private boolean stalled;
  private boolean closed;

  private ChaosBench(
      long records, long seed, double rate, Duration interval, Duration stallLimit, Path work) {
    this.records = records;
    this.seed = seed;
    this.rate = rate;
    this.s3Checkpoints = !"local".equals(System.getProperty("bench.checkpoints", "s3"));
    this.interval = interval;
    this.stallLimit = stallLimit;
    this.work = work;
    this.generator =
        EventGenerator.builder()
            .seed(seed)
            .format(EventFormat.JSON)
            .preset(EventGenerator.Preset.KB_1)
            .drift(DriftSchedule.parse(DriftSchedule.PEERS))
            .malformedRate(Double.parseDouble(System.getProperty("bench.malformed-rate", "0.01")))
            .build();
  }

  public static void main(String[] args) throws Exception {
    String seedText = System.getProperty("bench.seed", "");
    long seed =
        seedText.isBlank()
            ? ThreadLocalRandom.current().nextLong(1L << 40)
            : Long.parseLong(seedText);
    long records = Long.getLong("bench.records", 1_000_000L);
    int faults = Integer.getInteger("bench.faults", 12);
    Duration interval = Duration.ofSeconds(Long.getLong("bench.checkpoint-seconds", 5L));
    Duration stallLimit = Duration.ofMinutes(Long.getLong("bench.stall-minutes", 10L));
    Path work = Files.createTempDirectory("driftway-chaos-bench-");
    log("seed %d (BENCH_SEED=%d draws this plan again); work folder %s", seed, seed, work);
    double rate = Double.parseDouble(System.getProperty("bench.rate", "1500"));
    ChaosBench bench = new ChaosBench(records, seed, rate, interval, stallLimit, work);
    // Ctrl-C on the bench: stop what it started (the run JVM, the broker) rather than leave them.
    Thread cleanup = new Thread(bench::close, "chaos-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    List<FaultPlan.Fault> plan = FaultPlan.draw(seed, faults, records, interval.toMillis());
    for (FaultPlan.Fault fault : plan) {
      log(
          "planned: %-15s at %,d committed records + %d ms%s",
          fault.kind().key(),
          fault.atRecords(),
          fault.delayMillis(),
          fault.calls() > 0 ? " (" + fault.calls() + ")" : "");
    }
    Map<String, Object> result;
    try {
      result = bench.run(plan, System.getProperty("bench.run-heap", "3g"));
    } finally {
      bench.close();
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
    if (!Boolean.getBoolean("bench.keep")) {
      delete(work);
    }
    System.out.println(new ObjectMapper().writeValueAsString(result));
  }

  private Map<String, Object> run(List<FaultPlan.Fault> plan, String runHeap) throws Exception {
    kafka = KafkaBroker.start(Files.createDirectories(work.resolve("kafka")));
    kafka.createTopic(TOPIC, 2);
    long malformed = 0;
    for (long seq = 0; seq < records; seq++) {
      if (generator.isMalformed(seq)) {
        malformed++;
      }
    }
    Producer producer = new Producer(generator, kafka.bootstrapServers(), TOPIC, records, rate);
    if (rate <= 0) {
      // A backlog: every record is in the topic before the pipeline starts.
      producer.run();
      producer.check();
    }

    s3 = S3ProxyProcess.start(Files.createDirectories(work.resolve("s3")));
    createBucket(s3, "chaos");
    bridge = CatalogBridge.builder(bridgeConfig(0)).commitFaults(commitFaults).start();
    bridgePort = bridge.endpoint().getPort();
    Path pipelineFile = work.resolve("chaos.yaml");
    Files.writeString(pipelineFile, pipelineYaml(), StandardCharsets.UTF_8);
    PipelineSpec spec = PipelineSpecLoader.load(pipelineFile);
    catalog = Catalogs.loader(spec).loadCatalog();

    long pipelineStart = System.nanoTime();
    run = new RunProcess(pipelineFile, work, runHeap);
    run.start();
    log("driftway run started (pid %d)", run.pid());
    Thread producing = null;
    if (rate > 0) {
      producing = new Thread(producer, "chaos-producer");
      producing.setDaemon(true);
      producing.start();
    }
    long target = records;
    for (FaultPlan.Fault fault : plan) {
      if (!awaitCommitted(fault.atRecords())) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(fault.delayMillis());
      long before = committed();
      strike(fault, before);
      awaitProgressPast(before);
    }
    boolean complete = awaitCommitted(target);
    if (producing != null) {
      producing.join(TimeUnit.MINUTES.toMillis(5));
    }
    producer.check();
    double pipelineSeconds = (System.nanoTime() - pipelineStart) / 1e9;
    log(
        "%s after %.1f s; stopping driftway run with SIGTERM",
        complete ? "every record committed" : "gave up waiting", pipelineSeconds);
    int stopCode = run.stop(180);

    RowCheck check =
        RowCheck.of(catalog.loadTable(EVENTS), catalog.loadTable(QUARANTINE), generator, records);
    Audit audit = audit(pipelineFile);
    double wall = (System.nanoTime() - start) / 1e9;

    List<String> resumed = new ArrayList<>();
    for (int n = 2; n <= run.starts(); n++) {
      resumed.add(run.resumedFrom(n).orElse("(fresh)"));
    }
    long faults = struck.stream().filter(f -> Boolean.TRUE.equals(f.get("struck"))).count();
    log(
        "rows %,d, distinct ids %,d, lost %,d, duplicated %,d, unexpected %,d; quarantine %,d"
            + " rows (%,d expected, %,d distinct positions); data files in two snapshots %d;"
            + " audit: %s",
        check.rows(),
        check.distinctIds(),
        check.lost(),
        check.duplicated(),
        check.unexpected(),
        check.quarantineRows(),
        malformed,
        check.quarantineDistinct(),
        check.filesInTwoSnapshots(),
        audit.verdict());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("bench", "chaos");
    json.put("records", records);
    json.put("faults", faults);
    json.put("lost", check.lost());
    json.put("duplicated", check.duplicated());
    json.put("quarantine_expected", malformed);
    json.put("quarantine_rows", check.quarantineRows());
    json.put("files_in_two_snapshots", check.filesInTwoSnapshots());
    json.put("wall_s", round(wall));
    json.put("audit", audit.verdict());
    json.put("audit_exit", audit.exit());
    json.put(
        "passed",
        complete
            && faults >= Math.min(10, plan.size())
            && check.lost() == 0
            && check.duplicated() == 0
            && check.unexpected() == 0
            && check.quarantineRows() == malformed
            && check.quarantineDistinct() == malformed
            && check.filesInTwoSnapshots() == 0
            && audit.exit() == 0);
    json.put("seed", seed);
    json.put("rows", check.rows());
    json.put("distinct_ids", check.distinctIds());
    json.put("unexpected_rows", check.unexpected());
    json.put("quarantine_distinct", check.quarantineDistinct());
    json.put("snapshots", check.snapshots());
    json.put("runs", run.starts());
    json.put("resumed_from", resumed);
    json.put("unplanned_run_exits", unplannedExits);
    json.put("final_stop_exit", stopCode);
    json.put("stalled", stalled);
    json.put("rate", rate);
    json.put("produce_s", round(producer.seconds()));
    json.put("pipeline_s", round(pipelineSeconds));
    json.put("checkpoint_interval_s", interval.toSeconds());
    json.put("checkpoints", s3Checkpoints ? "s3" : "local");
    json.put("fault_list", struck);
    return json;
  }

  /** Injects one fault and records what happened. */
  private void strike(FaultPlan.Fault fault, long committedBefore) throws Exception {
    double at = (System.nanoTime() - start) / 1e9;
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("kind", fault.kind().key());
    entry.put("at_s", round(at));
    entry.put("committed", committedBefore);
    String detail;
    boolean done = true;
    switch (fault.kind()) {
      case KILL_RUN -> {
        long pid = run.pid();
        run.kill();
        run.start();
        detail = "SIGKILL pid " + pid + ", driftway run started again (pid " + run.pid() + ")";
      }
      case COMMIT_REFUSED -> {
        int before = commitFaults.failed();
        commitFaults.failNext(fault.calls());
        done = awaitFault(() -> commitFaults.failed() >= before + fault.calls());
        commitFaults.clear();
        detail = calls(commitFaults.failed() - before) + " refused, nothing applied";
      }
      case COMMIT_UNKNOWN -> {
        int before = commitFaults.dropped();
        commitFaults.dropAnswerNext(fault.calls());
        done = awaitFault(() -> commitFaults.dropped() >= before + fault.calls());
        commitFaults.clear();
        detail = calls(commitFaults.dropped() - before) + " applied, the answer dropped";
      }
      case BRIDGE_RESTART -> {
        bridge.close();
        TimeUnit.SECONDS.sleep(fault.calls());
        bridge = CatalogBridge.builder(bridgeConfig(bridgePort)).commitFaults(commitFaults).start();
        detail = "catalog bridge down " + fault.calls() + " s, back on port " + bridgePort;
      }
      case S3PROXY_RESTART -> {
        s3.kill();
        TimeUnit.SECONDS.sleep(fault.calls());
        s3.start();
        detail =
            "S3Proxy killed (SIGKILL), back on its port and data " + fault.calls() + " s later";
      }
      case KAFKA_RESTART -> {
        long stopped = System.nanoTime();
        kafka.restart();
        detail =
            String.format(
                Locale.ROOT,
                "Kafka broker restarted, serving again after %.1f s",
                (System.nanoTime() - stopped) / 1e9);
      }
      default -> throw new IllegalStateException("Cannot strike: unknown fault " + fault.kind());
    }
    entry.put("struck", done);
    entry.put("detail", detail);
    struck.add(entry);
    log("fault %d at %.1f s (%,d committed): %s", struck.size(), at, committedBefore, detail);
  }

  /** Waits until an armed commit fault has struck; false when no commit came to take it. */
  private boolean awaitFault(BooleanSupplier taken) throws Exception {
    long deadline = System.nanoTime() + Math.max(120_000, 20 * interval.toMillis()) * 1_000_000L;
    while (!taken.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      superviseRun();
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return true;
  }

  /** Waits until the table and its quarantine hold at least {@code count} records. */
  private boolean awaitCommitted(long count) throws Exception {
    long last = -1;
    long lastChange = System.nanoTime();
    long lastLog = 0;
    while (true) {
      long now = committed();
      if (now >= count) {
        return true;
      }
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > stallLimit.toNanos()) {
        log("no commit for %s at %,d committed records: giving up", stallLimit, now);
        stalled = true;
        return false;
      }
      if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(30)) {
        lastLog = System.nanoTime();
        log("%,d of %,d records committed", now, records);
      }
      superviseRun();
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    }
  }

  /** After a fault, waits until a commit moved the table past {@code committed}. */
  private void awaitProgressPast(long committed) throws Exception {
    if (committed >= records) {
      return;
    }
    awaitCommitted(committed + 1);
  }

  /** Starts {@code driftway run} again when it ended by itself, as a supervisor would. */
  private void superviseRun() throws IOException {
    if (!run.alive()) {
      unplannedExits++;
      log(
          "driftway run exited by itself with %d (%s); starting it again",
          run.exitValue(), run.log());
      run.start();
    }
  }

  /** Records in the table plus its quarantine, from their snapshots' summaries; -1 unreadable. */
  private long committed() {
    try {
      return totalRecords(EVENTS) + totalRecords(QUARANTINE);
    } catch (RuntimeException e) {
      // The bridge may be down on purpose right now.
      return -1;
    }
  }

  private long totalRecords(TableIdentifier id) {
    if (!catalog.tableExists(id)) {
      return 0;
    }
    Table table = catalog.loadTable(id);
    if (table.currentSnapshot() == null) {
      return 0;
    }
    return Long.parseLong(
        table.currentSnapshot().summary().getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
  }

  /** The audit's verdict: its last line and exit code. */
  private record Audit(String verdict, int exit) {}

  /** {@code driftway audit chaos.events --pipeline chaos.yaml} as a user runs it. */
  private Audit audit(Path pipelineFile) throws Exception {
    Path out = work.resolve("audit.txt");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Daws.cborEnabled=false",
            "-cp",
            System.getProperty("java.class.path"),
            Driftway.class.getName(),
            "audit",
            EVENTS.toString(),
            "--pipeline",
            pipelineFile.toString());
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return new Audit("timed out", -1);
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    lines.stream()
        .filter(line -> !line.contains(" WARN ") && !line.contains(" INFO "))
        .forEach(line -> log("audit: %s", line));
    String last = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    String verdict =
        switch (process.exitValue()) {
          case 0 -> "clean";
          case 1 -> "findings: " + last;
          default -> "unreadable: " + last;
        };
    return new Audit(verdict, process.exitValue());
  }

  private String pipelineYaml() {
    return """
        name: chaos
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          table: events
        tables:
          - name: events
            database: %s
        warehouse:
          location: s3://chaos/warehouse
          s3-endpoint: %s
          s3-region: us-east-1
          s3-path-style: true
          access-key-id: %s
          secret-access-key: %s
        catalog:
          type: glue
          endpoint: http://127.0.0.1:%d
          region: us-east-1
        checkpointing:
          interval: %ds
          storage: %s
        parallelism: %d
        """
        .formatted(
            kafka.bootstrapServers(),
            TOPIC,
            DATABASE,
            s3.endpoint(),
            s3.accessKey(),
            s3.secretKey(),
            bridgePort,
            interval.toSeconds(),
            s3Checkpoints ? "s3://chaos/checkpoints" : work.resolve("checkpoints").toUri(),
            Integer.getInteger("bench.parallelism", 2));
  }

  private Configuration bridgeConfig(int port) {
    return Configuration.builder(BridgeOptions.all())
        .set(BridgeOptions.SERVER_PORT, port)
        .set(BridgeOptions.SERVER_SHUTDOWN_GRACE, Duration.ofSeconds(2))
        .set(BridgeOptions.AUTH_MODE, AuthMode.NONE)
        .set(BridgeOptions.EVENTS_LOG, false)
        .set(BridgeOptions.STORE_URL, "jdbc:h2:file:" + work.resolve("catalog").toAbsolutePath())
        .set(BridgeOptions.STORAGE_S3_ENDPOINT, s3.endpoint())
        .set(BridgeOptions.STORAGE_S3_REGION, s3.region())
        .set(BridgeOptions.STORAGE_S3_ACCESS_KEY_ID, s3.accessKey())
        .set(BridgeOptions.STORAGE_S3_SECRET_ACCESS_KEY, s3.secretKey())
        .set(BridgeOptions.STORAGE_S3_PATH_STYLE_ACCESS, true)
        .build();
  }

  private static void createBucket(S3ProxyProcess s3, String bucket) {
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .forcePathStyle(true)
            .region(Region.of(s3.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      client.createBucket(b -> b.bucket(bucket));
    }
  }

  private synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (run != null && run.alive()) {
      try {
        run.kill();
      } catch (InterruptedException | RuntimeException e) {
        log("cannot kill driftway run: %s", e);
      }
    }
    if (catalog instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        log("cannot close the catalog: %s", e);
      }
    }
    if (bridge != null) {
      bridge.close();
    }
    if (s3 != null) {
      s3.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static String calls(int count) {
    return count + (count == 1 ? " UpdateTable call" : " UpdateTable calls");
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }

  private static void log(String format, Object... args) {
    System.err.printf(
        Locale.ROOT,
        "[chaos %s] %s%n",
        java.time.LocalTime.now(java.time.ZoneOffset.UTC).format(CLOCK),
        String.format(Locale.ROOT, format, args));
    System.err.flush();
  }
}
