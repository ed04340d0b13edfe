package io.driftway.streamjobs.cli;

import io.driftway.platform.aws.AwsSettings;
import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.graph.PrometheusReporting;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.streamjobs.spec.SpecException;
import io.driftway.streamjobs.spec.StorageSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftway run <pipeline.yaml>}: runs a pipeline on an embedded Flink MiniCluster until
 * stopped. Ctrl-C or SIGTERM stops it with a savepoint (see {@link SignalStop}); the next run, also
 * after a crash, resumes from the newest savepoint or retained checkpoint in the pipeline's
 * checkpoint storage (a local folder or S3, see {@link RestorePoints} and {@link
 * FlinkFileSystems}), so nothing is lost or written twice.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a pipeline on an embedded Flink MiniCluster until stopped: Ctrl-C or SIGTERM stops it"
          + " with a savepoint, a second Ctrl-C exits at once. A later run resumes from the newest"
          + " savepoint or checkpoint."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<pipeline.yaml>", description = "The pipeline file.")
  Path file;

  @Option(
      names = "--state-dir",
      paramLabel = "<folder>",
      description =
          "Keep checkpoints and savepoints in <folder>/checkpoints when the pipeline file sets no"
              + " checkpointing.storage (default: .driftway/<pipeline name>).")
  Path stateDir;

  @Option(
      names = "--from-savepoint",
      paramLabel = "<path>",
      description = "Resume from this savepoint or checkpoint instead of the newest one found.")
  String fromSavepoint;

  @Option(names = "--fresh", description = "Ignore earlier savepoints and checkpoints.")
  boolean fresh;

  @Option(
      names = "--metrics-port",
      paramLabel = "<port>",
      defaultValue = "9249",
      description =
          "Serve Flink's and Driftway's metrics for Prometheus at http://<host>:<port>/metrics"
              + " (every interface); 0 or off for none (default: ${DEFAULT-VALUE}).")
  String metricsPort;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PipelineSpec pipeline;
    try {
      pipeline = PipelineSpecLoader.load(file);
      PipelineJob.validate(pipeline);
      PipelineJob.checkStreaming(pipeline);
    } catch (SpecException | IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    PrometheusReporting.Port metrics;
    try {
      metrics = PrometheusReporting.Port.parse(metricsPort);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    Configuration config = PipelineJob.configuration(pipeline);
    config.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    metrics.applyTo(config);
    String storage =
        pipeline
            .checkpointing()
            .storage()
            .orElseGet(() -> stateDir(pipeline).resolve("checkpoints").toUri().toString());
    config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, storage);
    Optional<String> restore;
    if (fromSavepoint != null) {
      restore = Optional.of(fromSavepoint);
    } else if (fresh) {
      restore = Optional.empty();
    } else {
      try {
        restore =
            RestorePoints.newest(storage, s3Settings(pipeline.warehouse()))
                .map(RestorePoints.RestorePoint::path);
      } catch (IOException e) {
        spec.commandLine().getErr().printf("%s%n  caused by: %s%n", e.getMessage(), e.getCause());
        return 1;
      }
    }
    restore.ifPresent(path -> config.set(StateRecoveryOptions.SAVEPOINT_PATH, path));
    // Flink itself writes checkpoints and savepoints to the storage: on S3 through its S3 file
    // system plugin, with the same endpoint and credentials the listing above used.
    if (FlinkFileSystems.onS3(storage)) {
      FlinkFileSystems.configureS3(config, s3Settings(pipeline.warehouse()));
    }
    try {
      FlinkFileSystems.initialize(config, storage);
    } catch (IOException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    // After the restore point: a run that cannot find where it stopped must say so first, not
    // report the next thing that is down.
    try {
      PipelineJob.checkExistingTables(pipeline);
    } catch (SpecException | IllegalStateException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    PipelineJob.build(env, pipeline);
    JobClient job = env.executeAsync(pipeline.name());
    out.printf(
        "Running pipeline %s (job %s)%s. Ctrl-C stops it with a savepoint.%n",
        pipeline.name(), job.getJobID(), restore.map(r -> ", resumed from " + r).orElse(""));
    out.flush();
    SignalStop stop = SignalStop.install(job, RestorePoints.savepointFolder(storage), out);
    try {
      job.getJobExecutionResult().get();
    } catch (ExecutionException e) {
      // A job cancelled after a failed stop ends here too; the stop says what happened.
      if (stop.savepoint().isEmpty()) {
        throw e;
      }
    }
    return stop.savepoint().isPresent() ? stop.awaitStop() : 0;
  }

  private Path stateDir(PipelineSpec pipeline) {
    return stateDir != null ? stateDir : Path.of(".driftway", pipeline.name()).toAbsolutePath();
  }

  /**
   * How the checkpoint storage is listed when it is on S3: with the warehouse's S3 endpoint,
   * region, addressing and credentials, which the pipeline file states once for both.
   */
  static AwsSettings s3Settings(StorageSpec.Warehouse warehouse) {
    AwsSettings.Builder settings =
        AwsSettings.builder()
            .region(warehouse.s3Region().orElse("us-east-1"))
            .pathStyleAccess(warehouse.s3PathStyle());
    warehouse.s3Endpoint().ifPresent(settings::endpoint);
    if (warehouse.accessKeyId().isPresent() && warehouse.secretAccessKey().isPresent()) {
      settings.staticCredentials(warehouse.accessKeyId().get(), warehouse.secretAccessKey().get());
    }
    return settings.build();
  }
}
