package io.driftway.streamjobs.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code driftway demo}: the main job on its embedded defaults, in one JVM.
 *
 * <p>Until the streaming pipeline lands, it states the plan it will carry out, so the command and
 * its place in the README stay stable.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Driftway end to end on this machine: a local Kafka broker, a catalog, a warehouse in a"
          + " local folder, drifting sample events, the streaming pipeline, and a report of tables,"
          + " schema changes and alerts. Ends by itself."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Driftway demo: the streaming pipeline is not built yet; this is what it will do.");
    out.println("  1. start a Kafka broker on 127.0.0.1 (a child JVM, free ports)");
    out.println("  2. start the catalog and a warehouse in a local folder");
    out.println("  3. produce drifting events: a new field, int -> long, a type conflict,");
    out.println("     a nested change, a few malformed records");
    out.println("  4. run the pipeline on an embedded Flink MiniCluster into Iceberg tables");
    out.println(
        "  5. print the tables, their schema history, row/rescued/quarantined counts, alerts");
    out.flush();
    return 0;
  }
}
