package io.driftway.embedded.flink;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink MiniCluster in this JVM, for the CLI's embedded runs ({@code driftway backfill} without a
 * cluster), benchmarks and tests. Jobs reach it the way they reach a session cluster: through its
 * REST endpoint, so what runs here is what a real deployment submits.
 *
 * <pre>{@code
 * StreamExecutionEnvironment env = flink.environment(2);
 * env.fromData(1, 2, 3).print();
 * env.execute("smoke");
 * }</pre>
 */
public final class FlinkCluster implements AutoCloseable {

  /** Enough slots for a few concurrent jobs at parallelism 2. */
  public static final int SLOTS = 8;

  private final MiniCluster cluster;
  private final URI restAddress;

  private FlinkCluster(MiniCluster cluster, URI restAddress) {
    this.cluster = cluster;
    this.restAddress = restAddress;
  }

  /** Starts a MiniCluster with one TaskManager of {@link #SLOTS} slots. */
  public static FlinkCluster start() throws Exception {
    return start(new Configuration());
  }

  /**
   * Starts a MiniCluster with one TaskManager of {@link #SLOTS} slots and {@code extra} cluster
   * settings on top, e.g. a shorter {@code metrics.fetcher.update-interval} for a progress display.
   */
  public static FlinkCluster start(Configuration extra) throws Exception {
    Configuration config = new Configuration();
    config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    config.set(RestOptions.ADDRESS, "127.0.0.1");
    config.set(RestOptions.BIND_PORT, "0");
    config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(128));
    config.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(64));
    config.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(64));
    // Hadoop's shutdown hook touches user-code classloaders at JVM exit; do not fail on it.
    config.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    config.addAll(extra);
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(SLOTS)
                .build());
    cluster.start();
    URI rest = cluster.getRestAddress().get(30, TimeUnit.SECONDS);
    return new FlinkCluster(cluster, rest);
  }

  /** The REST endpoint, as a session cluster's {@code rest.address}/{@code rest.port}. */
  public URI restAddress() {
    return restAddress;
  }

  /** An environment that submits its jobs to this cluster through REST. */
  public StreamExecutionEnvironment environment(int parallelism) {
    return environment(parallelism, new Configuration());
  }

  /**
   * An environment that submits its jobs to this cluster through REST, with {@code extra} job
   * settings on top, e.g. the savepoint to resume from:
   *
   * <pre>{@code
   * Configuration resume = new Configuration();
   * resume.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
   * StreamExecutionEnvironment env = flink.environment(2, resume);
   * }</pre>
   */
  public StreamExecutionEnvironment environment(int parallelism, Configuration extra) {
    Configuration config = new Configuration();
    config.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    config.addAll(extra);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createRemoteEnvironment(
            restAddress.getHost(), restAddress.getPort(), config);
    env.setParallelism(parallelism);
    return env;
  }

  /** The cluster itself, for callers that inspect or cancel jobs. */
  public MiniCluster miniCluster() {
    return cluster;
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
