package io.driftway.streamjobs.cli;

import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.streamjobs.spec.SpecException;
import java.io.File;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftway submit <pipeline.yaml> --flink <rest-url>}: submits the pipeline to a running
 * Flink session cluster through its REST API and returns once the cluster accepted the job.
 *
 * <p>The job's code travels with it: this build's jar and its dependencies, except the Flink
 * runtime jars that every Flink cluster already has in its {@code lib/} folder.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Submits a pipeline to a Flink session cluster (REST) and prints the job id. The cluster"
          + " runs it; stop it with a savepoint through Flink's REST API or CLI."
    })
public final class SubmitCommand implements Callable<Integer> {

  /** Jars a Flink distribution ships in lib/ (flink-dist and friends): never uploaded. */
  private static final Pattern CLUSTER_JARS =
      Pattern.compile(
          "(flink-(core|core-api|runtime|streaming-java|clients|java|annotations|metrics-core"
              + "|rpc-[a-z-]+|shaded-[a-z0-9.-]+|hadoop-fs|file-sink-common|datastream[a-z-]*"
              + "|table-common|table-runtime|table-api-java[a-z-]*|connector-datagen|queryable-state[a-z-]*"
              + "|optimizer|statebackend-[a-z-]+|runtime-web)|log4j-[a-z0-9-]+|slf4j-api)-[0-9].*\\.jar");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<pipeline.yaml>", description = "The pipeline file.")
  java.nio.file.Path file;

  @Option(
      names = "--flink",
      required = true,
      paramLabel = "<rest-url>",
      description = "The session cluster's REST endpoint, e.g. http://flink-jobmanager:8081.")
  URI flink;

  @Option(
      names = "--from-savepoint",
      paramLabel = "<path>",
      description = "Start from this savepoint or retained checkpoint (as the cluster sees it).")
  String fromSavepoint;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PipelineSpec pipeline;
    try {
      pipeline = PipelineSpecLoader.load(file);
      PipelineJob.validate(pipeline);
      PipelineJob.checkStreaming(pipeline);
      PipelineJob.checkExistingTables(pipeline);
    } catch (SpecException | IllegalArgumentException | IllegalStateException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    if (flink.getHost() == null || flink.getPort() < 0) {
      spec.commandLine()
          .getErr()
          .println(
              "Cannot submit pipeline: --flink needs host and port, e.g. http://jobmanager:8081: "
                  + flink);
      return 2;
    }
    Configuration config = PipelineJob.configuration(pipeline);
    Optional.ofNullable(fromSavepoint)
        .ifPresent(path -> config.set(StateRecoveryOptions.SAVEPOINT_PATH, path));
    List<String> jars = jobJars();
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createRemoteEnvironment(
            flink.getHost(), flink.getPort(), config, jars.toArray(new String[0]));
    PipelineJob.build(env, pipeline);
    JobClient job = env.executeAsync(pipeline.name());
    out.printf(
        "Submitted pipeline %s to %s: job %s (%d jars uploaded)%n",
        pipeline.name(), flink, job.getJobID(), jars.size());
    out.flush();
    return 0;
  }

  /** This build's jars on the running classpath, minus what a Flink cluster already has. */
  public static List<String> jobJars() {
    List<String> jars = new ArrayList<>();
    for (String entry :
        Pattern.compile(Pattern.quote(File.pathSeparator))
            .splitAsStream(System.getProperty("java.class.path"))
            .toList()) {
      File jar = new File(entry);
      if (jar.isFile()
          && jar.getName().endsWith(".jar")
          && !CLUSTER_JARS.matcher(jar.getName()).matches()) {
        jars.add(jar.getAbsolutePath());
      }
    }
    return jars;
  }
}
