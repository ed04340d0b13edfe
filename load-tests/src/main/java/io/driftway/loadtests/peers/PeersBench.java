package io.driftway.loadtests.peers;

import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.loadtests.data.DriftSchedule;
import io.driftway.loadtests.data.EventFormat;
import io.driftway.loadtests.data.EventGenerator;
import io.driftway.loadtests.data.EventPump;
import io.driftway.loadtests.data.KafkaEventSink;
import io.driftway.loadtests.pipeline.BenchJobs;
import io.driftway.loadtests.pipeline.TableWatch;
import io.driftway.loadtests.report.Spread;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Driftway against what users would pick instead, on one machine, the same broker and the same
 * records: Apache Iceberg's Kafka Connect sink (in a Kafka Connect worker), a static-schema Flink
 * job (Flink's JSON format into a fixed schema, Iceberg's {@code IcebergSink}) and Driftway's
 * pipeline, each in its own JVM ({@link PeerProcess}), the broker in another ({@link KafkaBroker}).
 *
 * <ol>
 *   <li>Backlog: {@code bench.records} (2,000,000) generated 1 KB JSON events ({@link
 *       EventGenerator}, drift schedule {@link DriftSchedule#PEERS}) are in a topic of 2
 *       partitions, and as many 150-byte events in another ({@code bench.small-size}); each peer in
 *       turn reads a topic from the start into its own table until a committed snapshot holds them
 *       all, over {@code bench.rounds} (3) interleaved rounds. A third topic holds the 1 KB events
 *       in Avro, Confluent wire format ({@code bench.avro}, on by default), their schema versions
 *       served by a {@link SchemaRegistryServer} the bench starts; the Flink peers run it too (the
 *       Kafka Connect sink needs Confluent's {@code AvroConverter}, which is not on Maven Central).
 *       The headline is records per CPU-second after the first commit (the steady state: start-up,
 *       submission and the first interval excluded), counting the peer's JVM only ({@code
 *       /proc/<pid>/stat}); each ratio is taken per round and reported as its median and range
 *       ({@link Spread}). Also the whole run's records per CPU-second, the start-up share of the
 *       CPU, wall throughput, peak RSS ({@code VmHWM}), data files and their mean size, and the
 *       table read back (rows, distinct ids).
 *   <li>Sustained: each peer in turn on a fresh topic while the bench produces at one rate for all
 *       ({@code bench.rate}, or {@code bench.sustained-load} of the slowest peer's backlog
 *       throughput) for {@code bench.sustained-seconds}; freshness p50/p99 (produce → committed
 *       snapshot seen by a reader) as in {@link TableWatch#freshness}.
 * </ol>
 *
 * <p>All peers commit every {@code bench.commit-seconds} (Flink checkpoint interval, the sink's
 * {@code iceberg.control.commit.interval-ms}), run with parallelism 2 (tasks.max 2) and the same
 * heap, and write to one catalog (JDBC on PostgreSQL by default) over a local folder. Prints a
 * table, writes a Markdown report with PNG charts into {@code bench.results}/{@code yyyy-MM-dd}/,
 * and prints as its last line one JSON object with {@code ratio_vs_kc} and {@code ratio_vs_static}.
 * Run by {@code ./load-tests/bench peers}.
 */
public final class PeersBench {

  /** Per backlog run: 2,000,000 x 1 KB records take a few minutes of a loaded 2-core machine. */
  private static final Duration RUN_LIMIT = Duration.ofMinutes(30);

  private static final int WARM_UP = 1_000;

  private PeersBench() {}

  /** One peer's backlog run. */
  record Backlog(
      Peer peer,
      long records,
      double cpuSeconds,
      double wallSeconds,
      double peakRecordsPerSecond,
      long peakRssBytes,
      TableCheck check,
      long steadyRecords,
      double steadyCpuSeconds,
      double steadyJitCpuSeconds) {

    double recordsPerCpuSecond() {
      return records / cpuSeconds;
    }

    /** Records per CPU-second after the first commit: the per-record cost without start-up. */
    double steadyRecordsPerCpuSecond() {
      return steadyRecords / steadyCpuSeconds;
    }

    /**
     * Records per CPU-second after the first commit, the JIT compiler's CPU left out: an estimate
     * of the per-record cost once warm-up is over, which a run of minutes does not reach.
     */
    double steadyRecordsPerNonJitCpuSecond() {
      return steadyRecords / (steadyCpuSeconds - steadyJitCpuSeconds);
    }

    /** Share of the CPU after the first commit that the JIT compiler threads used. */
    double steadyJitShare() {
      return steadyJitCpuSeconds / steadyCpuSeconds;
    }

    double recordsPerSecond() {
      return records / wallSeconds;
    }

    /** Share of the run's CPU spent before the first commit (start-up and the first interval). */
    double startupCpuShare() {
      return 1 - steadyCpuSeconds / cpuSeconds;
    }
  }

  /**
   * Every backlog round of one workload (a record size, or the Avro records): per peer, its runs in
   * round order (a peer that failed to run in a round is absent from the map, not from the list of
   * other peers). {@code size} labels its keys and tables: {@code 1024b}, {@code 150b}, {@code
   * avro}.
   */
  record SizeRuns(String size, EventGenerator generator, Map<Peer, List<Backlog>> rounds) {

    /** Whether the records are Avro in the Confluent wire format (else JSON). */
    boolean avro() {
      return generator.format() == EventFormat.AVRO;
    }

    /** The workload as figures name it: {@code 1024b}, {@code 150b}, {@code avro 1024b}. */
    String title() {
      return avro() ? "avro " + sizeLabel(generator) : size;
    }

    /** The round of {@code peer} whose steady rate is the median of its rounds: its figures. */
    Backlog typical(Peer peer) {
      List<Backlog> runs = new ArrayList<>(rounds.getOrDefault(peer, List.of()));
      if (runs.isEmpty()) {
        return null;
      }
      runs.sort(Comparator.comparingDouble(Backlog::steadyRecordsPerCpuSecond));
      return runs.get(runs.size() / 2);
    }

    /** Per peer its typical round, in peer order. */
    Map<Peer, Backlog> typical() {
      Map<Peer, Backlog> typical = new EnumMap<>(Peer.class);
      for (Peer peer : rounds.keySet()) {
        typical.put(peer, typical(peer));
      }
      return typical;
    }

    /**
     * Driftway's {@code rate} over {@code peer}'s, round by round (both ran in that round), such as
     * {@link Backlog#steadyRecordsPerCpuSecond}.
     */
    Spread ratio(Peer peer, ToDoubleFunction<Backlog> rate) {
      List<Backlog> driftway = rounds.getOrDefault(Peer.DRIFTWAY, List.of());
      List<Backlog> other = rounds.getOrDefault(peer, List.of());
      return Spread.ofRatios(driftway, other, rate);
    }

    /** Every run of every round held exactly its records with as many distinct ids. */
    boolean exact(long records) {
      return rounds.values().stream()
          .flatMap(List::stream)
          .allMatch(b -> b.check().exactly(records));
    }
  }

  /** One peer's sustained-rate run. */
  record Sustained(
      Peer peer,
      long expected,
      double cpuSeconds,
      long peakRssBytes,
      TableWatch.Freshness freshness,
      TableCheck check) {}

  /** The bench's settings, from system properties. */
  record Options(
      int records,
      int rounds,
      EventGenerator generator,
      EventGenerator smallGenerator,
      EventGenerator avroGenerator,
      Duration commitInterval,
      int parallelism,
      String heap,
      int sustainedSeconds,
      double sustainedLoad,
      double rate,
      List<Peer> peers,
      boolean jdbc,
      boolean staticKnowsDrift,
      Path kafkaConnectClasspath,
      Path results) {

    static Options fromSystemProperties() {
      List<Peer> peers = new ArrayList<>();
      for (String key : System.getProperty("bench.peers", "kc,static,driftway").split(",", -1)) {
        peers.add(Peer.of(key));
      }
      String size = System.getProperty("bench.size", "1kb");
      String smallSize = System.getProperty("bench.small-size", "150b");
      String rate = System.getProperty("bench.rate", "");
      // The Avro records are for the Flink peers: the Kafka Connect sink has no converter for them.
      boolean avro =
          !System.getProperty("bench.avro", "1").equals("0")
              && peers.stream().anyMatch(peer -> peer != Peer.KAFKA_CONNECT);
      return new Options(
          Integer.getInteger("bench.records", 2_000_000),
          Integer.getInteger("bench.rounds", 3),
          PeersBench.generator(size, EventFormat.JSON),
          smallSize.isBlank() || smallSize.equals(size)
              ? null
              : PeersBench.generator(smallSize, EventFormat.JSON),
          avro ? PeersBench.generator(size, EventFormat.AVRO) : null,
          Duration.ofSeconds(Long.getLong("bench.commit-seconds", 5L)),
          Integer.getInteger("bench.parallelism", 2),
          System.getProperty("bench.heap", "2g"),
          Integer.getInteger("bench.sustained-seconds", 30),
          Double.parseDouble(System.getProperty("bench.sustained-load", "0.7")),
          rate.isBlank() ? 0 : Double.parseDouble(rate),
          List.copyOf(peers),
          catalogKind(System.getProperty("bench.catalog", "jdbc")),
          staticSchemaKind(System.getProperty("bench.static-schema", "base")),
          Path.of(
              System.getProperty(
                  "bench.kc-classpath", "load-tests/target/kafka-connect.classpath")),
          Path.of(System.getProperty("bench.results", "load-tests/results")));
    }
  }

  /** Whether the static job's schema holds the drift fields: {@code final} yes, {@code base} no. */
  private static boolean staticSchemaKind(String kind) {
    return switch (kind) {
      case "base" -> false;
      case "final" -> true;
      default ->
          throw new IllegalArgumentException(
              "Cannot run peers bench: bench.static-schema must be base or final: " + kind);
    };
  }

  /** The generator of {@code size} records ({@code 1kb}, {@code 150b} or a byte count). */
  private static EventGenerator generator(String size, EventFormat format) {
    EventGenerator.Builder generator =
        EventGenerator.builder()
            .seed(Long.getLong("bench.seed", 42L))
            .format(format)
            .drift(DriftSchedule.parse(System.getProperty("bench.drift", DriftSchedule.PEERS)));
    if (size.chars().allMatch(Character::isDigit)) {
      generator.bytes(Integer.parseInt(size)).fields(Integer.getInteger("bench.fields", 20));
    } else {
      generator.preset(EventGenerator.Preset.of(size));
    }
    return generator.build();
  }

  /** The label of a generator's record size in figures and JSON keys: {@code 150b}. */
  static String sizeLabel(EventGenerator generator) {
    return generator.bytes() + "b";
  }

  /**
   * The label of a generator's workload in JSON keys and table names: {@code 150b}, {@code avro}.
   */
  private static String workloadLabel(EventGenerator generator) {
    return generator.format() == EventFormat.AVRO ? "avro" : sizeLabel(generator);
  }

  /**
   * Registers in {@code registry} every schema version {@code generator} writes within its first
   * {@code records} records, under its id (the version): the drift makes a new one at each event.
   */
  static void registerSchemas(
      SchemaRegistryServer registry, EventGenerator generator, long records) {
    int last = 0;
    for (long seq = 0; seq < records; seq++) {
      int id = generator.schemaId(seq);
      if (id != last) {
        registry.register("peers-avro-value", id, generator.avroSchema(seq));
        last = id;
      }
    }
  }

  private static boolean catalogKind(String kind) {
    if (!kind.equals("jdbc") && !kind.equals("hadoop")) {
      throw new IllegalArgumentException(
          "Cannot parse bench.catalog: expected jdbc or hadoop: " + kind);
    }
    return kind.equals("jdbc");
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.fromSystemProperties();
    long benchStart = System.nanoTime();
    Path work = Files.createTempDirectory("driftway-peers-bench-");
    Path warehouse = Files.createDirectories(work.resolve("warehouse"));
    List<EventGenerator> generators = new ArrayList<>();
    generators.add(options.generator());
    if (options.smallGenerator() != null) {
      generators.add(options.smallGenerator());
    }
    if (options.avroGenerator() != null) {
      generators.add(options.avroGenerator());
    }

    List<SizeRuns> sizes = new ArrayList<>();
    Map<Peer, Sustained> sustained = new EnumMap<>(Peer.class);
    double rate;
    boolean failed = true;
    try (KafkaBroker kafka = KafkaBroker.start(Files.createDirectories(work.resolve("kafka")));
        PostgresServer postgres =
            options.jdbc()
                ? PostgresServer.start(Files.createDirectories(work.resolve("pg")))
                : null;
        SchemaRegistryServer registry =
            options.avroGenerator() == null ? null : SchemaRegistryServer.start()) {
      if (registry != null) {
        registerSchemas(registry, options.avroGenerator(), options.records());
      }
      String registryUrl = registry == null ? null : registry.url();
      BenchCatalog catalog =
          postgres == null
              ? BenchCatalog.hadoop(warehouse)
              : BenchCatalog.jdbc(
                  warehouse,
                  postgres.createDatabase("peers"),
                  postgres.user(),
                  postgres.password());
      PeerProcess.Settings settings =
          new PeerProcess.Settings(
              kafka.bootstrapServers(),
              catalog,
              options.commitInterval(),
              options.parallelism(),
              options.heap(),
              options.kafkaConnectClasspath().toAbsolutePath(),
              Files.createDirectories(work.resolve("peers")));
      List<String> topics = new ArrayList<>();
      for (EventGenerator generator : generators) {
        String topic = kafka.createTopic("peers-" + workloadLabel(generator), 2);
        topics.add(topic);
        EventPump.Result produced;
        try (KafkaEventSink sink = KafkaEventSink.of(kafka.bootstrapServers(), topic)) {
          produced = EventPump.asFastAsPossible(generator, sink, 0, options.records());
        }
        log(
            "produced %,d %s records (%.0f bytes each, drift %s) in %.1f s",
            produced.records(),
            generator.format() == EventFormat.AVRO ? "Avro" : "JSON",
            (double) produced.bytes() / produced.records(),
            generator.drift(),
            produced.seconds());
        Map<Peer, List<Backlog>> rounds = new EnumMap<>(Peer.class);
        for (Peer peer : peersOf(options, generator)) {
          rounds.put(peer, new ArrayList<>());
        }
        sizes.add(new SizeRuns(workloadLabel(generator), generator, rounds));
      }

      // Interleaved: each round runs every workload and every peer once, and the peers' order
      // turns by one each round, so a slow stretch of a shared machine lands on different systems.
      for (int round = 0; round < options.rounds(); round++) {
        for (int s = 0; s < sizes.size(); s++) {
          SizeRuns size = sizes.get(s);
          List<Peer> peers = peersOf(options, size.generator());
          for (int i = 0; i < peers.size(); i++) {
            Peer peer = peers.get((i + round) % peers.size());
            String table = peer.key() + "_" + size.size() + "_" + round;
            Backlog run =
                backlog(
                    kafka,
                    peer,
                    settings,
                    topics.get(s),
                    table,
                    size.generator(),
                    size.avro() ? registryUrl : null,
                    options);
            log(
                "round %d, %s, %s: %,d records, %.1f CPU-s (%.0f%% before the first commit),"
                    + " %.1f s wall: %,.0f records/CPU-s after the first commit (%,.0f in all;"
                    + " JIT compiler %.0f%% of the CPU after the first commit, %,.0f without it),"
                    + " %,.0f records/s, peak RSS %.0f MB, %d files; rows %d, distinct ids %d",
                round + 1,
                size.title(),
                peer.key(),
                run.records(),
                run.cpuSeconds(),
                100 * run.startupCpuShare(),
                run.wallSeconds(),
                run.steadyRecordsPerCpuSecond(),
                run.recordsPerCpuSecond(),
                100 * run.steadyJitShare(),
                run.steadyRecordsPerNonJitCpuSecond(),
                run.recordsPerSecond(),
                run.peakRssBytes() / 1048576.0,
                run.check().files(),
                run.check().rows(),
                run.check().distinctIds());
            size.rounds().get(peer).add(run);
          }
        }
      }
      Map<Peer, Backlog> backlogs = sizes.get(0).typical();

      rate =
          options.rate() > 0
              ? options.rate()
              : options.sustainedLoad()
                  * backlogs.values().stream()
                      .mapToDouble(b -> Math.max(b.recordsPerSecond(), b.peakRecordsPerSecond()))
                      .min()
                      .orElseThrow();
      if (options.sustainedSeconds() > 0) {
        for (Peer peer : options.peers()) {
          Sustained run = sustained(peer, settings, kafka, options, rate);
          log(
              "%s sustained at %.0f records/s: freshness p50 %.2f s, p99 %.2f s over %d commits;"
                  + " rows %d, distinct ids %d (expected %d)",
              peer.key(),
              rate,
              run.freshness().p50(),
              run.freshness().p99(),
              run.freshness().commits(),
              run.check().rows(),
              run.check().distinctIds(),
              run.expected());
          sustained.put(peer, run);
        }
      }
      failed = false;
    } finally {
      if (failed) {
        log("kept the work folder with every peer's log: %s", work);
      } else {
        delete(work);
      }
    }
    // After the broker is down: its shutdown logs must not follow the JSON line.
    PeersReport.write(
        options, options.records(), sizes, sustained, rate, (System.nanoTime() - benchStart) / 1e9);
  }

  /**
   * The peers that run {@code generator}'s records, in the bench's order: the Flink peers only on
   * Avro (Iceberg's Kafka Connect sink needs Confluent's {@code AvroConverter}, not on Maven
   * Central).
   */
  private static List<Peer> peersOf(Options options, EventGenerator generator) {
    return options.peers().stream()
        .filter(peer -> generator.format() != EventFormat.AVRO || peer != Peer.KAFKA_CONNECT)
        .toList();
  }

  private static Backlog backlog(
      KafkaBroker kafka,
      Peer peer,
      PeerProcess.Settings settings,
      String topic,
      String table,
      EventGenerator generator,
      String registryUrl,
      Options options)
      throws IOException {
    TableIdentifier id = TableIdentifier.of(BenchJobs.DATABASE, table);
    Catalog catalog = catalogFor(settings.catalog(), table);
    long driftUpTo = options.staticKnowsDrift() ? options.records() : 0;
    try (PeerProcess process =
        start(kafka, peer, settings, topic, table, catalog, generator, driftUpTo, registryUrl)) {
      TableWatch watch = new TableWatch(catalog, id);
      ProcessStats before = process.stats();
      long wallStart = System.nanoTime();
      process.go();
      // The CPU at the first commit splits the run: start-up (submission, JIT warm-up, the first
      // interval) before it, the steady per-record cost after it.
      TableWatch.Seen first;
      ProcessStats atFirst;
      try {
        first = watch.awaitRecords(1, RUN_LIMIT, process::isAlive);
        atFirst = process.stats();
        process.mark("first_commit");
        watch.awaitRecords(options.records(), RUN_LIMIT, process::isAlive);
        process.mark("done");
      } catch (RuntimeException e) {
        throw new IllegalStateException(e.getMessage() + "\n" + process.tail(), e);
      }
      double wall = (System.nanoTime() - wallStart) / 1e9;
      ProcessStats after = process.stats();
      TableCheck check = TableCheck.of(watch.table());
      long records = watch.last().totalRecords();
      return new Backlog(
          peer,
          records,
          after.cpuSeconds() - before.cpuSeconds(),
          wall,
          watch.peakRate(),
          after.peakRssBytes(),
          check,
          records - first.totalRecords(),
          after.cpuSeconds() - atFirst.cpuSeconds(),
          after.jitCpuSeconds() - atFirst.jitCpuSeconds());
    }
  }

  private static Sustained sustained(
      Peer peer, PeerProcess.Settings settings, KafkaBroker kafka, Options options, double rate)
      throws Exception {
    String table = peer.key() + "_fresh";
    Catalog catalog = catalogFor(settings.catalog(), table);
    String topic = kafka.createTopic("fresh-" + peer.key(), 2);
    TableIdentifier id = TableIdentifier.of(BenchJobs.DATABASE, table);
    EventGenerator generator = options.generator();
    long driftUpTo = options.staticKnowsDrift() ? options.records() : 0;
    try (PeerProcess process =
            start(kafka, peer, settings, topic, table, catalog, generator, driftUpTo, null);
        KafkaEventSink sink = KafkaEventSink.of(kafka.bootstrapServers(), topic)) {
      ProcessStats before = process.stats();
      process.go();
      // Warm up: the table exists and the peer is past its start before the clock runs.
      EventPump.asFastAsPossible(generator, sink, 0, WARM_UP);
      TableWatch watch = new TableWatch(catalog, id);
      long afterSnapshot;
      try {
        afterSnapshot = watch.awaitRecords(WARM_UP, RUN_LIMIT, process::isAlive).snapshotId();
      } catch (RuntimeException e) {
        throw new IllegalStateException(e.getMessage() + "\n" + process.tail(), e);
      }
      log("%s: producing %.0f records/s for %d s", peer.key(), rate, options.sustainedSeconds());
      Thread poller = watch.pollInBackground();
      EventPump.Result sent =
          EventPump.atRate(
              generator, sink, WARM_UP, rate, Duration.ofSeconds(options.sustainedSeconds()));
      long expected = WARM_UP + sent.records();
      try {
        new TableWatch(catalog, id).awaitRecords(expected, Duration.ofMinutes(3), process::isAlive);
      } catch (RuntimeException e) {
        throw new IllegalStateException(e.getMessage() + "\n" + process.tail(), e);
      } finally {
        // One more poll interval: the background poller sees the last commit too.
        Thread.sleep(2 * TableWatch.POLL_MILLIS);
        poller.interrupt();
        poller.join(10_000);
      }
      ProcessStats after = process.stats();
      TableWatch.Freshness freshness =
          watch.freshness(EventGenerator.PRODUCED_AT, afterSnapshot, rate, sent.records());
      return new Sustained(
          peer,
          expected,
          after.cpuSeconds() - before.cpuSeconds(),
          after.peakRssBytes(),
          freshness,
          TableCheck.of(watch.table()));
    }
  }

  /** The bench's view of {@code table}'s catalog, its namespace created for the peer. */
  private static Catalog catalogFor(BenchCatalog benchCatalog, String table) {
    Catalog catalog = benchCatalog.loader(table).loadCatalog();
    SupportsNamespaces namespaces = (SupportsNamespaces) catalog;
    if (!namespaces.namespaceExists(Namespace.of(BenchJobs.DATABASE))) {
      namespaces.createNamespace(Namespace.of(BenchJobs.DATABASE));
    }
    return catalog;
  }

  private static PeerProcess start(
      KafkaBroker kafka,
      Peer peer,
      PeerProcess.Settings settings,
      String topic,
      String table,
      Catalog catalog,
      EventGenerator generator,
      long driftUpTo,
      String registryUrl)
      throws IOException {
    log("%s: starting on %s into %s.%s", peer.key(), topic, BenchJobs.DATABASE, table);
    if (peer == Peer.KAFKA_CONNECT) {
      // Created before the sink starts: a control topic auto-created by the coordinator's first
      // event is found by the workers' consumers only at their next metadata refresh (5 min).
      kafka.createTopic("control-" + table, 1);
      return PeerProcess.kafkaConnect(settings, topic, table);
    }
    if (peer == Peer.STATIC) {
      catalog.createTable(
          TableIdentifier.of(BenchJobs.DATABASE, table),
          StaticSchemas.of(generator, driftUpTo),
          PartitionSpec.unpartitioned());
    }
    return PeerProcess.flink(settings, peer, topic, table, registryUrl);
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
