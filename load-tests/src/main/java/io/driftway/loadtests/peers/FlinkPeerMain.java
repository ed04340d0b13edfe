package io.driftway.loadtests.peers;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.loadtests.pipeline.BenchJobs;
import io.driftway.streamjobs.spec.PipelineSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * The child JVM of one Flink peer: a MiniCluster and one job, Driftway's pipeline or the
 * static-schema job (see {@link BenchJobs}), started when the bench creates the go file, so that
 * the bench can read this process's CPU time just before. Prints {@code READY} once the cluster is
 * up and the job built, {@code SUBMITTED <job id>} after submitting; runs until it is killed. The
 * records are JSON, or Avro in the Confluent wire format when a registry URL is given (last).
 *
 * <pre>{@code
 * java -cp <bench classpath> io.driftway.loadtests.peers.FlinkPeerMain \
 *     driftway 127.0.0.1:9092 orders t1 5000 2 /tmp/go /tmp/warehouse - - - http://127.0.0.1:8081
 * }</pre>
 */
public final class FlinkPeerMain {

  private FlinkPeerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 12) {
      throw new IllegalArgumentException(
          "Cannot start Flink peer: expected <driftway|static> <bootstrap servers> <topic> <table>"
              + " <checkpoint ms> <parallelism> <go file> <warehouse> <jdbc url|-> <user|->"
              + " <password|-> <registry url|->: "
              + String.join(" ", args));
    }
    String system = args[0];
    String bootstrap = args[1];
    String topic = args[2];
    String table = args[3];
    Duration checkpoint = Duration.ofMillis(Long.parseLong(args[4]));
    int parallelism = Integer.parseInt(args[5]);
    Path go = Path.of(args[6]);
    BenchCatalog catalog = BenchCatalog.fromArgs(List.of(args).subList(7, 11));
    String warehouse = catalog.warehouse().toString();
    String registryUrl = args[11].equals("-") ? null : args[11];

    try (FlinkCluster flink = FlinkCluster.start()) {
      StreamExecutionEnvironment env;
      String name;
      if (system.equals(Peer.DRIFTWAY.key())) {
        PipelineSpec spec =
            BenchJobs.driftwaySpec(
                bootstrap,
                topic,
                table,
                warehouse,
                catalog.specYaml(),
                registryUrl,
                checkpoint,
                parallelism);
        env = flink.environment(parallelism, BenchJobs.configuration(spec));
        BenchJobs.driftway(env, spec);
        name = spec.name();
      } else if (system.equals(Peer.STATIC.key())) {
        CatalogLoader catalogs = catalog.loader(table);
        TableIdentifier id = TableIdentifier.of(BenchJobs.DATABASE, table);
        // The bench created the table with the generator's base schema: that is the fixed schema.
        org.apache.iceberg.Schema schema = catalogs.loadCatalog().loadTable(id).schema();
        env = flink.environment(parallelism);
        BenchJobs.staticSchema(
            env, bootstrap, topic, id, schema, registryUrl, catalogs, checkpoint, parallelism);
        name = "bench-" + table;
      } else {
        throw new IllegalArgumentException(
            "Cannot start Flink peer: system must be driftway or static: " + system);
      }
      System.out.println("READY");
      System.out.flush();
      while (!Files.exists(go)) {
        Thread.sleep(10);
      }
      JobClient client = env.executeAsync(name);
      System.out.println("SUBMITTED " + client.getJobID());
      System.out.flush();
      // Runs until the bench kills this JVM; a job that fails ends it, which the bench sees.
      client.getJobExecutionResult().get();
      System.out.println("ENDED");
    }
  }
}
