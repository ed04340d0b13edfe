package io.driftway.loadtests.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.platform.config.Configuration;
import io.driftway.testsupport.postgres.PostgresServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The catalog bridge under load from the AWS SDK v2 Glue client on loopback, SigV4 on: GetTable
 * latency (p50/p99) and throughput, and UpdateTable throughput (each caller commits to its own
 * table with VersionId, as Iceberg committers do), with the embedded store and with PostgreSQL.
 * Prints a table, then as its last line one JSON object. Run by {@code ./load-tests/bench catalog}.
 *
 * <p>The floor: the same client, with SigV4 and the same HTTP client, calls GetTable on a no-op
 * endpoint on 127.0.0.1 (the JDK's HTTP server, as the bridge uses, with TCP_NODELAY) that drains
 * the request and answers the bytes the bridge answered to GetTable, at the same thread count, in
 * the same run: client + signing + HTTP on loopback with no catalog behind it. {@code
 * get_table_p50_over_floor} is a store's GetTable p50 over the floor's p50; on 2 cores shared by 8
 * callers, client and server, absolute latencies mostly measure the scheduler, the ratio does not.
 *
 * <p>Settings (system properties): {@code bench.threads} (8), {@code bench.gets} (20000), {@code
 * bench.updates} (2000), {@code bench.stores} ({@code embedded,postgresql}), {@code
 * bench.http-client} ({@code apache} or {@code urlconnection}), {@code bench.floor} ({@code true}).
 * PostgreSQL comes from test-support's {@code PostgresServer} (embedded binaries).
 */
public final class CatalogBench {

  private static final String KEY = "AKIDCATALOGBENCH";
  private static final String SECRET = "catalog-bench-secret-0123456789";
  private static final String REGION = "us-east-1";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int UPDATE_WARM_UP = 400;

  /**
   * At most this many GetTable calls before the measured ones (5 times as many, at least 2,000),
   * for each store and the floor alike. The client's, the JDK server's and the bridge's code takes
   * on the order of 100,000 calls to compile on 2 cores: the floor alone, measured 8 times in a row
   * in one JVM (10,000 warm-up and 20,000 measured calls each), cost 0.59, 0.47, 0.38, 0.38, 0.19,
   * 0.15, 0.24 and 0.16 ms of CPU per call, the callers' share 0.36 falling to 0.10. With 10,000
   * warm-up calls every store was measured while C2 still compiled (the first store in the youngest
   * JVM), and the floor, measured last, in the warmest: the ratio measured the JIT.
   */
  private static final int GET_WARM_UP = 100_000;

  private CatalogBench() {}

  private static int getWarmUp(int gets) {
    return Math.min(GET_WARM_UP, Math.max(2_000, 5 * gets));
  }

  /**
   * After {@link #getWarmUp} calls, GetTable warm-up goes on in rounds of this many calls while the
   * JIT compiled for more than {@link #JIT_SETTLED} of a round's wall time, up to 15 times the
   * measured calls ({@link #MAX_GET_WARM_UP} at most) in all: in the JVM's first phase C2 still
   * compiled for 3.6 and 7.1 s of the measured 20,000 calls after 100,000 warm-up calls (the
   * embedded store's ratio 1.64 and 2.65; PostgreSQL's, measured after it with 0.05 and 0.15 s of
   * compilation, 1.44 and 1.14).
   */
  private static final int WARM_UP_ROUND = 10_000;

  private static final double JIT_SETTLED = 0.10;
  private static final int MAX_GET_WARM_UP = 300_000;

  /** Warms up GetTable (see {@link #WARM_UP_ROUND}); returns the calls made. */
  private static int warmUpGets(int threads, int gets, Call call) throws Exception {
    int calls = getWarmUp(gets);
    measure(threads, calls, call);
    int most = Math.min(MAX_GET_WARM_UP, 15 * gets);
    while (calls < most) {
      long jitBefore = jitMillis();
      long started = System.nanoTime();
      measure(threads, WARM_UP_ROUND, call);
      calls += WARM_UP_ROUND;
      if (jitMillis() - jitBefore <= JIT_SETTLED * (System.nanoTime() - started) / 1e6) {
        break;
      }
    }
    return calls;
  }

  /**
   * Milliseconds the JIT compilers have spent so far (wall time of each compilation, so more than
   * their CPU on a loaded machine), or 0 when the JVM does not say. Printed per measured phase, to
   * show whether it was measured while C2 still compiled (see {@link #GET_WARM_UP}).
   */
  private static long jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : 0;
  }

  /** One store's figures. */
  record Figures(
      String store,
      double getP50,
      double getP99,
      double getPerSecond,
      double updateP50,
      double updateP99,
      double updatePerSecond,
      long conflicts,
      CpuMeter.Reading getCpu,
      CpuMeter.Reading updateCpu,
      double getClientCpuSeconds,
      double updateClientCpuSeconds,
      int gets,
      int updates,
      int getWarmUpCalls,
      long getJitMillis) {

    /**
     * CPU milliseconds per UpdateTable call of the bridge (the JVM's threads but the callers': HTTP
     * server, SigV4 check, JSON, store, connection pool, and GC and JIT) and of the database.
     */
    double updateBridgeCpuMillis() {
      return 1000 * (updateCpu.totalSeconds() - updateClientCpuSeconds) / updates;
    }

    /** The same for GetTable. */
    double getBridgeCpuMillis() {
      return 1000 * (getCpu.totalSeconds() - getClientCpuSeconds) / gets;
    }

    /** CPU milliseconds (client and bridge JVM plus database) per GetTable call. */
    double getCpuMillis() {
      return 1000 * getCpu.totalSeconds() / gets;
    }

    /** CPU milliseconds (client and bridge JVM plus database) per UpdateTable call. */
    double updateCpuMillis() {
      return 1000 * updateCpu.totalSeconds() / updates;
    }
  }

  /**
   * The floor's GetTable figures; {@code cpuMillis} per call of the whole JVM (client and no-op
   * server), {@code serverCpuMillis} of its threads but the callers' (the no-op server, GC, JIT).
   */
  record Floor(
      double getP50,
      double getP99,
      double getPerSecond,
      double cpuMillis,
      double serverCpuMillis,
      int warmUpCalls,
      long jitMillis) {}

  /** The raw body of the first GetTable response a store answered, served again by the floor. */
  private static final AtomicReference<byte[]> GET_TABLE_BODY = new AtomicReference<>();

  public static void main(String[] args) throws Exception {
    int threads = Integer.getInteger("bench.threads", 8);
    int gets = Integer.getInteger("bench.gets", 20_000);
    int updates = Integer.getInteger("bench.updates", 2_000);
    List<String> stores =
        Arrays.asList(System.getProperty("bench.stores", "embedded,postgresql").split(",", -1));
    Path work = Files.createTempDirectory("driftway-catalog-bench-");
    // The bridge sets it too; here it holds for the floor's server whichever starts first.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    List<Figures> results = new ArrayList<>();
    for (String store : stores) {
      switch (store.trim()) {
        case "embedded" ->
            results.add(
                run(
                    "embedded",
                    "jdbc:h2:file:" + work.resolve("catalog"),
                    null,
                    null,
                    threads,
                    gets,
                    updates,
                    -1));
        case "postgresql" -> {
          try (PostgresServer postgres = PostgresServer.start(work.resolve("postgres"))) {
            results.add(
                run(
                    "postgresql",
                    postgres.createDatabase("catalog_bench"),
                    postgres.user(),
                    postgres.password(),
                    threads,
                    gets,
                    updates,
                    postmasterPid(work.resolve("postgres"))));
          }
        }
        default ->
            throw new IllegalArgumentException(
                "Cannot run catalog bench: unknown store (embedded, postgresql): " + store);
      }
    }
    // Every store is closed: its files (H2's, PostgreSQL's data directory, 60 MB) can go.
    delete(work);
    Floor floor =
        Boolean.parseBoolean(System.getProperty("bench.floor", "true"))
            ? floor(GET_TABLE_BODY.get(), threads, gets)
            : null;
    System.out.printf(
        Locale.ROOT,
        "%-11s %12s %12s %12s %14s %14s %14s %14s %14s %16s%n",
        "store",
        "get p50 ms",
        "get p99 ms",
        "gets/s",
        "update p50 ms",
        "update p99 ms",
        "updates/s",
        "get CPU ms",
        "update CPU ms",
        "bridge+db CPU ms");
    for (Figures f : results) {
      System.out.printf(
          Locale.ROOT,
          "%-11s %12.3f %12.3f %12.0f %14.3f %14.3f %14.0f %14.3f %14.3f %16.3f%n",
          f.store(),
          f.getP50(),
          f.getP99(),
          f.getPerSecond(),
          f.updateP50(),
          f.updateP99(),
          f.updatePerSecond(),
          f.getCpuMillis(),
          f.updateCpuMillis(),
          f.updateBridgeCpuMillis());
    }
    System.out.println(
        "CPU ms: per call, the client and bridge JVM plus the database's processes (the load of"
            + " other processes does not raise it); on N cores calls/s cannot exceed"
            + " N * 1000 / CPU ms. bridge+db: UpdateTable's CPU without the client's threads");
    if (floor != null) {
      System.out.printf(
          Locale.ROOT,
          "%-11s %12.3f %12.3f %12.0f %14s %14s %14s %14.3f %14s %16s%n",
          "floor",
          floor.getP50(),
          floor.getP99(),
          floor.getPerSecond(),
          "-",
          "-",
          "-",
          floor.cpuMillis(),
          "-",
          "-");
      System.out.printf(
          Locale.ROOT,
          "GetTable CPU ms per call without the callers' threads: floor %.3f (no-op server, GC,"
              + " JIT)%s%n",
          floor.serverCpuMillis(),
          results.stream()
              .map(f -> String.format(Locale.ROOT, ", %s %.3f", f.store(), f.getBridgeCpuMillis()))
              .reduce("", String::concat));
      System.out.printf(
          Locale.ROOT,
          "GetTable warm-up calls, then JIT compile ms (wall) while measured: floor %d, %d%s%n",
          floor.warmUpCalls(),
          floor.jitMillis(),
          results.stream()
              .map(
                  f ->
                      String.format(
                          Locale.ROOT,
                          "; %s %d, %d",
                          f.store(),
                          f.getWarmUpCalls(),
                          f.getJitMillis()))
              .reduce("", String::concat));
      for (Figures f : results) {
        System.out.printf(
            Locale.ROOT,
            "%s: GetTable p50 %.2fx the floor's (client + SigV4 + HTTP on loopback, no catalog;"
                + " bar <= 2.0)%n",
            f.store(),
            f.getP50() / floor.getP50());
      }
    }
    System.out.println(json(results, floor, threads, gets, updates));
  }

  private static String json(
      List<Figures> results, Floor floor, int threads, int gets, int updates) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("bench", "catalog");
    root.put(
        "client",
        "aws-sdk-java-v2 GlueClient ("
            + System.getProperty("bench.http-client", "apache")
            + " http client), SigV4, loopback");
    root.put("threads", threads);
    root.put("get_table_calls", gets);
    root.put("update_table_calls", updates);
    // The top-level figures are the default (embedded) store's; each store also under its prefix.
    Figures headline = results.get(0);
    root.put("store", headline.store());
    put(root, "", headline, floor);
    for (Figures f : results) {
      put(root, f.store() + "_", f, floor);
    }
    if (floor != null) {
      root.put("floor_get_table_p50_ms", round(floor.getP50()));
      root.put("floor_get_table_p99_ms", round(floor.getP99()));
      root.put("floor_get_table_per_s", Math.round(floor.getPerSecond()));
      root.put("floor_get_table_cpu_ms", round(floor.cpuMillis()));
      root.put("floor_get_table_server_cpu_ms", round(floor.serverCpuMillis()));
      root.put("floor_get_table_warm_up_calls", floor.warmUpCalls());
      root.put("floor_get_table_jit_ms", floor.jitMillis());
      root.put("floor_bar", 2.0);
    }
    return root.toString();
  }

  private static void put(ObjectNode root, String prefix, Figures f, Floor floor) {
    root.put(prefix + "get_table_p50_ms", round(f.getP50()));
    root.put(prefix + "get_table_p99_ms", round(f.getP99()));
    root.put(prefix + "get_table_per_s", Math.round(f.getPerSecond()));
    root.put(prefix + "update_table_p50_ms", round(f.updateP50()));
    root.put(prefix + "update_table_p99_ms", round(f.updateP99()));
    root.put(prefix + "update_table_per_s", Math.round(f.updatePerSecond()));
    root.put(prefix + "update_table_conflicts", f.conflicts());
    root.put(prefix + "get_table_cpu_ms", round(f.getCpuMillis()));
    root.put(prefix + "update_table_cpu_ms", round(f.updateCpuMillis()));
    root.put(
        prefix + "update_table_db_cpu_ms", round(1000 * f.updateCpu().dbSeconds() / f.updates()));
    root.put(prefix + "update_table_per_cpu_s", Math.round(1000 / f.updateCpuMillis()));
    root.put(prefix + "get_table_bridge_cpu_ms", round(f.getBridgeCpuMillis()));
    root.put(prefix + "get_table_warm_up_calls", f.getWarmUpCalls());
    root.put(prefix + "get_table_jit_ms", f.getJitMillis());
    root.put(prefix + "update_table_bridge_cpu_ms", round(f.updateBridgeCpuMillis()));
    root.put(
        prefix + "update_table_client_cpu_ms",
        round(1000 * f.updateClientCpuSeconds() / f.updates()));
    if (floor != null) {
      root.put(prefix + "get_table_p50_over_floor", round(f.getP50() / floor.getP50()));
    }
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /** The PostgreSQL server's postmaster, from its data directory's {@code postmaster.pid}. */
  private static long postmasterPid(Path dir) throws IOException {
    return Long.parseLong(
        Files.readAllLines(dir.resolve("data").resolve("postmaster.pid")).get(0).trim());
  }

  static Figures run(
      String store,
      String url,
      String user,
      String password,
      int threads,
      int gets,
      int updates,
      long dbPid)
      throws Exception {
    CpuMeter cpu = CpuMeter.of(dbPid);
    Configuration.Builder config =
        Configuration.builder(BridgeOptions.all())
            .set(BridgeOptions.SERVER_PORT, 0)
            .set(BridgeOptions.SERVER_THREADS, Math.max(4, threads))
            .set(BridgeOptions.AUTH_MODE, AuthMode.SIGV4)
            .set(
                BridgeOptions.AUTH_PRINCIPALS,
                List.of(Principal.of("bench", KEY, SECRET, Map.of("*", Access.ADMIN))))
            .set(BridgeOptions.EVENTS_LOG, false)
            .set(BridgeOptions.ICEBERG_SYNC_COLUMNS, false)
            .set(BridgeOptions.STORE_URL, url);
    if (user != null) {
      config.set(BridgeOptions.STORE_USER, user).set(BridgeOptions.STORE_PASSWORD, password);
    }
    try (CatalogBridge bridge = CatalogBridge.start(config.build());
        GlueClient glue =
            GlueClient.builder()
                .endpointOverride(bridge.endpoint())
                .region(Region.of(REGION))
                .httpClient(httpClient(threads))
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .overrideConfiguration(
                    c ->
                        c.retryStrategy(r -> r.maxAttempts(1))
                            .addExecutionInterceptor(new GetTableBodyCapture()))
                .build()) {
      String db = "bench";
      glue.createDatabase(r -> r.databaseInput(DatabaseInput.builder().name(db).build()));
      for (int t = 0; t < threads; t++) {
        String name = "events_" + t;
        glue.createTable(r -> r.databaseName(db).tableInput(table(name, 0)));
      }
      // Warm-up: JIT, connection pools, the store's caches.
      int getWarmUpCalls =
          warmUpGets(
              threads,
              gets,
              (thread, i) -> glue.getTable(r -> r.databaseName(db).name("events_" + thread)));

      long jitStart = jitMillis();
      CpuMeter.Reading cpuStart = cpu.read();
      long started = System.nanoTime();
      long[] getLatencies =
          measure(
              threads,
              gets,
              (thread, i) -> glue.getTable(r -> r.databaseName(db).name("events_" + thread)));
      double getSeconds = (System.nanoTime() - started) / 1e9;
      CpuMeter.Reading getCpu = cpu.read().minus(cpuStart);
      long getJitMillis = jitMillis() - jitStart;
      double getClientCpu = lastCallersCpuSeconds;

      AtomicLong conflicts = new AtomicLong();
      long[] versions = new long[threads];
      Call update =
          (thread, i) -> {
            String name = "events_" + thread;
            long version = versions[thread];
            try {
              glue.updateTable(
                  r ->
                      r.databaseName(db)
                          .tableInput(table(name, version + 1))
                          .versionId(Long.toString(version))
                          .skipArchive(true));
              versions[thread] = version + 1;
            } catch (software.amazon.awssdk.services.glue.model.ConcurrentModificationException e) {
              conflicts.incrementAndGet();
            }
          };
      // Warm-up of the update path too: its JIT compilation is not a per-call cost.
      measure(threads, UPDATE_WARM_UP, update);
      conflicts.set(0);
      cpuStart = cpu.read();
      started = System.nanoTime();
      long[] updateLatencies = measure(threads, updates, update);
      double updateSeconds = (System.nanoTime() - started) / 1e9;
      CpuMeter.Reading updateCpu = cpu.read().minus(cpuStart);
      double updateClientCpu = lastCallersCpuSeconds;
      return new Figures(
          store,
          percentile(getLatencies, 0.50),
          percentile(getLatencies, 0.99),
          gets / getSeconds,
          percentile(updateLatencies, 0.50),
          percentile(updateLatencies, 0.99),
          updates / updateSeconds,
          conflicts.get(),
          getCpu,
          updateCpu,
          getClientCpu,
          updateClientCpu,
          gets,
          updates,
          getWarmUpCalls,
          getJitMillis);
    }
  }

  /**
   * The SDK's Apache client (pooled, TCP_NODELAY) by default; {@code
   * -Dbench.http-client=urlconnection} measures the JDK client, whose separate header and body
   * writes add delayed-ACK waits.
   */
  private static SdkHttpClient httpClient(int threads) {
    if ("urlconnection".equals(System.getProperty("bench.http-client", "apache"))) {
      return UrlConnectionHttpClient.create();
    }
    return ApacheHttpClient.builder().maxConnections(Math.max(threads, 1)).build();
  }

  /**
   * GetTable from the same client on a no-op endpoint: the server drains each request and answers
   * {@code body} (what a store answered; a fixed table when no store ran). Same warm-up, calls and
   * threads as a store's GetTable phase.
   */
  static Floor floor(byte[] body, int threads, int gets) throws Exception {
    byte[] answer =
        body != null ? body : FALLBACK_BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor = Executors.newFixedThreadPool(Math.max(4, threads));
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
          }
          exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    try (GlueClient glue =
        GlueClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(REGION))
            .httpClient(httpClient(threads))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
            .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
            .build()) {
      String db = "bench";
      int warmUpCalls =
          warmUpGets(
              threads,
              gets,
              (thread, i) -> glue.getTable(r -> r.databaseName(db).name("events_" + thread)));
      long jitStart = jitMillis();
      CpuMeter cpu = CpuMeter.of(-1);
      CpuMeter.Reading cpuStart = cpu.read();
      long started = System.nanoTime();
      long[] latencies =
          measure(
              threads,
              gets,
              (thread, i) -> glue.getTable(r -> r.databaseName(db).name("events_" + thread)));
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpuSeconds = cpu.read().minus(cpuStart).totalSeconds();
      return new Floor(
          percentile(latencies, 0.50),
          percentile(latencies, 0.99),
          gets / seconds,
          1000 * cpuSeconds / gets,
          1000 * (cpuSeconds - lastCallersCpuSeconds) / gets,
          warmUpCalls,
          jitMillis() - jitStart);
    } finally {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  /** The floor's answer when no store ran before it: one table, as {@link #table} describes. */
  private static final String FALLBACK_BODY =
      "{\"Table\":{\"Name\":\"events_0\",\"DatabaseName\":\"bench\","
          + "\"TableType\":\"EXTERNAL_TABLE\",\"VersionId\":\"0\",\"Parameters\":{"
          + "\"table_type\":\"ICEBERG\",\"metadata_location\":"
          + "\"s3://lake/bench/events_0/metadata/0.metadata.json\"},\"StorageDescriptor\":{"
          + "\"Location\":\"s3://lake/bench/events_0\",\"Columns\":["
          + "{\"Name\":\"id\",\"Type\":\"bigint\"},{\"Name\":\"ts\",\"Type\":\"timestamp\"},"
          + "{\"Name\":\"user\",\"Type\":\"struct<id:bigint,name:string>\"},"
          + "{\"Name\":\"tags\",\"Type\":\"array<string>\"}],\"SerdeInfo\":{"
          + "\"SerializationLibrary\":"
          + "\"org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe\"}}}}";

  /** Keeps the bytes of the first GetTable response any store answered, for the floor to serve. */
  private static final class GetTableBodyCapture implements ExecutionInterceptor {
    @Override
    public Optional<InputStream> modifyHttpResponseContent(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      Optional<InputStream> content = context.responseBody();
      if (GET_TABLE_BODY.get() != null
          || !(context.request() instanceof GetTableRequest)
          || !context.httpResponse().isSuccessful()
          || content.isEmpty()) {
        return content;
      }
      try (InputStream in = content.get()) {
        byte[] bytes = in.readAllBytes();
        GET_TABLE_BODY.compareAndSet(null, bytes);
        return Optional.of(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** One call of a benchmark phase; {@code thread} is the caller's index. */
  private interface Call {
    void run(int thread, int iteration) throws Exception;
  }

  /** CPU seconds the callers of the last {@link #measure} spent (the client's share). */
  private static volatile double lastCallersCpuSeconds;

  /** Runs {@code total} calls spread over {@code threads} callers; returns each call's nanos. */
  private static long[] measure(int threads, int total, Call call) throws Exception {
    long[] latencies = new long[total];
    DoubleAdder callersCpu = new DoubleAdder();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  long cpuStart = THREADS.getCurrentThreadCpuTime();
                  for (int i = thread; i < total; i += threads) {
                    long start = System.nanoTime();
                    call.run(thread, i);
                    latencies[i] = System.nanoTime() - start;
                  }
                  callersCpu.add((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    lastCallersCpuSeconds = callersCpu.sum();
    return latencies;
  }

  private static double percentile(long[] nanos, double quantile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  private static TableInput table(String name, long generation) {
    return TableInput.builder()
        .name(name)
        .tableType("EXTERNAL_TABLE")
        .parameters(
            Map.of(
                "table_type",
                "ICEBERG",
                "metadata_location",
                "s3://lake/bench/" + name + "/metadata/" + generation + ".metadata.json"))
        .storageDescriptor(
            StorageDescriptor.builder()
                .location("s3://lake/bench/" + name)
                .columns(
                    Column.builder().name("id").type("bigint").build(),
                    Column.builder().name("ts").type("timestamp").build(),
                    Column.builder().name("user").type("struct<id:bigint,name:string>").build(),
                    Column.builder().name("tags").type("array<string>").build())
                .serdeInfo(
                    SerDeInfo.builder()
                        .serializationLibrary(
                            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                        .build())
                .build())
        .build();
  }
}
