package io.driftway.streamjobs.cli;

import io.driftway.connectors.tracking.TableSettings;
import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.streamjobs.spec.SpecException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code driftway validate <pipeline.yaml>}: checks a pipeline file without running it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a pipeline file: keys, values, policies, schema hints and partition transforms."
          + " Exits 0 when the file is good, 1 with the file, line, key and what is allowed when"
          + " it is not. With --catalog it also reads the tables that already exist in the"
          + " pipeline's catalog and checks partition transforms, hints and cast/project"
          + " overrides against their column types.",
      "",
      "Example: driftway validate --catalog stream-jobs/examples/kafka-json.yaml"
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<pipeline.yaml>", description = "The pipeline file.")
  Path file;

  @Option(
      names = "--catalog",
      description =
          "Also check against the tables that exist in the pipeline's catalog (the catalog must"
              + " be reachable); a pipeline start always does.")
  boolean catalog;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PipelineSpec pipeline;
    try {
      pipeline = PipelineSpecLoader.load(file);
      PipelineJob.validate(pipeline);
      if (catalog) {
        PipelineJob.checkExistingTables(pipeline);
      }
    } catch (SpecException | IllegalArgumentException | IllegalStateException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    out.printf(
        "OK: pipeline %s: %s, format %s, %d table(s)%n",
        pipeline.name(),
        pipeline.sources().isEmpty()
            ? "no streaming source (backfills only)"
            : pipeline.sources().size() + " source(s)",
        pipeline.format().kind().configName(),
        pipeline.tables().size());
    for (TableSettings table : pipeline.tables()) {
      out.printf(
          "  %s.%s partitioned by %s, new fields: %s, type conflicts: %s%n",
          table.database(),
          table.name(),
          table.partitionBy().isEmpty() ? "(nothing)" : String.join(", ", table.partitionBy()),
          table.newFields(),
          table.typeConflicts());
    }
    out.flush();
    return 0;
  }
}
