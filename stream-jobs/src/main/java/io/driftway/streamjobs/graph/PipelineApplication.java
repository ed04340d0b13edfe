package io.driftway.streamjobs.graph;

import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job entry class of the Flink job jar, for clusters that run {@code main} themselves:
 * application mode (the Flink Kubernetes Operator's {@code FlinkDeployment}, the driftway-flink
 * image's {@code standalone-job}) and {@code flink run}. Its one argument is the pipeline file as
 * the JobManager sees it; the cluster's own configuration (checkpoint storage, restore path, state
 * backend) applies unless the pipeline file sets it.
 *
 * <pre>{@code
 * docker run driftway-flink:0.1.0 standalone-job \
 *   --job-classname io.driftway.streamjobs.graph.PipelineApplication /etc/driftway/pipeline.yaml
 * }</pre>
 *
 * <p>Unlike {@code driftway run}, it installs no signal handlers and looks for no restore point: in
 * a cluster, stops, savepoints and restores belong to Flink (and to the operator).
 */
public final class PipelineApplication {

  private PipelineApplication() {}

  public static void main(String[] args) throws Exception {
    PipelineSpec spec = load(args);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(PipelineJob.configuration(spec));
    PipelineJob.build(env, spec);
    env.execute(spec.name());
  }

  /**
   * Loads and checks the pipeline named by {@code args}: exactly one argument, a pipeline with a
   * streaming source and catalog settings that fit together.
   *
   * @throws IllegalArgumentException (or {@code SpecException}) naming what to change
   */
  static PipelineSpec load(String... args) {
    if (args.length != 1) {
      throw new IllegalArgumentException(
          "Cannot start pipeline: expected one argument, the pipeline file: "
              + Arrays.toString(args));
    }
    PipelineSpec spec = PipelineSpecLoader.load(Path.of(args[0]));
    PipelineJob.validate(spec);
    PipelineJob.checkStreaming(spec);
    return spec;
  }
}
