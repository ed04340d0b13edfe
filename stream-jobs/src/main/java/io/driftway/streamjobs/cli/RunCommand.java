package io.driftway.streamjobs.cli;

import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.streamjobs.spec.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
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
 * stopped. Ctrl-C or SIGTERM stops it with a savepoint (see {@link SignalStop}); the next run
 * resumes from the newest savepoint or retained checkpoint in the pipeline's state folder, so
 * nothing is lost or written twice.
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
          "Checkpoints and savepoints, when the pipeline file sets no checkpointing.storage"
              + " (default: .driftway/<pipeline name>).")
  Path stateDir;

  @Option(
      names = "--from-savepoint",
      paramLabel = "<path>",
      description = "Resume from this savepoint or checkpoint instead of the newest one found.")
  String fromSavepoint;

  @Option(names = "--fresh", description = "Ignore earlier savepoints and checkpoints.")
  boolean fresh;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PipelineSpec pipeline;
    try {
      pipeline = PipelineSpecLoader.load(file);
      PipelineJob.validate(pipeline);
    } catch (SpecException | IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    Configuration config = PipelineJob.configuration(pipeline);
    config.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    Path local = localStateDir(pipeline);
    if (pipeline.checkpointing().storage().isEmpty()) {
      config.set(
          CheckpointingOptions.CHECKPOINTS_DIRECTORY,
          local.resolve("checkpoints").toUri().toString());
    }
    Optional<String> restore =
        fromSavepoint != null
            ? Optional.of(fromSavepoint)
            : fresh ? Optional.empty() : newestState(local);
    restore.ifPresent(path -> config.set(StateRecoveryOptions.SAVEPOINT_PATH, path));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    PipelineJob.build(env, pipeline);
    JobClient job = env.executeAsync(pipeline.name());
    out.printf(
        "Running pipeline %s (job %s)%s. Ctrl-C stops it with a savepoint.%n",
        pipeline.name(), job.getJobID(), restore.map(r -> ", resumed from " + r).orElse(""));
    out.flush();
    SignalStop stop = SignalStop.install(job, local.resolve("savepoints").toUri().toString(), out);
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

  private Path localStateDir(PipelineSpec pipeline) {
    if (stateDir != null) {
      return stateDir;
    }
    Optional<String> storage = pipeline.checkpointing().storage();
    if (storage.isPresent() && storage.get().startsWith("file:")) {
      return Path.of(URI.create(storage.get())).getParent();
    }
    return Path.of(".driftway", pipeline.name()).toAbsolutePath();
  }

  /**
   * The newest savepoint or retained checkpoint under {@code dir}: its {@code _metadata} folder.
   */
  static Optional<String> newestState(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(dir, 4)) {
      return files
          .filter(p -> p.getFileName().toString().equals("_metadata"))
          .max(Comparator.comparing(RunCommand::modified))
          .map(p -> p.getParent().toUri().toString());
    }
  }

  private static FileTime modified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
