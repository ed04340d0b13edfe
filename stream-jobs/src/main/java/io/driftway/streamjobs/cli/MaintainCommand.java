package io.driftway.streamjobs.cli;

import io.driftway.streamjobs.maintain.MaintainOnce;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.streamjobs.spec.SpecException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code driftway maintain <db.table> --pipeline p.yaml [--dry-run]}: table maintenance, once. */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a table's maintenance once, with the limits of its pipeline file"
          + " (tables[].maintenance; defaults for a table the file does not declare):"
          + " compaction (Iceberg's Flink rewrite action), manifest rewrite, snapshot expiry that"
          + " keeps what a checkpoint restore or a backfill bookmark needs, and orphan file"
          + " deletion. Prints files and bytes before and after, snapshots expired and orphans"
          + " removed. With a jdbc catalog it takes the table's maintenance lock, so it never"
          + " runs beside the pipeline job's own maintenance task.",
      "",
      "Example:",
      "  ./driftway maintain shop.orders --pipeline orders.yaml --dry-run",
      ""
    },
    footer = {
      "",
      "Exit status: 0 done, 1 the file, the table or the lock was not right (the message says"
          + " which)."
    })
final class MaintainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<db.table>", description = "The table, as database.table.")
  String table;

  @Option(
      names = "--pipeline",
      required = true,
      paramLabel = "<pipeline.yaml>",
      description = "The pipeline file that names the catalog, warehouse and limits.")
  Path pipeline;

  @Option(names = "--dry-run", description = "Print what would be done and change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TableIdentifier id;
    PipelineSpec loaded;
    try {
      id = identifier(table);
      loaded = PipelineSpecLoader.load(pipeline);
      MaintainOnce.Summary summary = MaintainOnce.run(loaded, id, dryRun, MaintainOnce::localFlink);
      out.print(summary.render());
      out.flush();
      return 0;
    } catch (SpecException | IllegalArgumentException | IllegalStateException e) {
      err.println(e.getMessage());
      err.flush();
      return 1;
    }
  }

  static TableIdentifier identifier(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot maintain table: expected <database>.<table>: " + text);
    }
    return TableIdentifier.of(parts[0], parts[1]);
  }
}
