package io.driftway.streamjobs.cli;

import io.driftway.streamjobs.demo.DemoRunner;
import io.driftway.streamjobs.graph.PrometheusReporting;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftway demo}: the main job on its embedded defaults, in one command. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Driftway end to end on this machine: a local Kafka broker, a warehouse in a local"
          + " folder, drifting sample events, the streaming pipeline on an embedded Flink"
          + " MiniCluster, and a report of tables, schema changes, quarantined records and alerts."
          + " Ends by itself and prints the web console's URL; with --keep the broker, bridge and"
          + " console stay up until Ctrl-C.",
      "Example: driftway demo --keep   (then open the printed http://127.0.0.1:<port>/console)"
    })
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "<folder>",
      description = "Where the broker, warehouse and checkpoints go (default: a new temp folder).")
  Path dir;

  @Option(
      names = "--events",
      paramLabel = "<n>",
      defaultValue = "250",
      description = "Events per drift phase (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(
      names = "--metrics-port",
      paramLabel = "<port>",
      defaultValue = "9249",
      description =
          "Serve the pipeline's metrics for Prometheus at http://<host>:<port>/metrics while the"
              + " demo runs (every interface); 0 or off for none (default: ${DEFAULT-VALUE}).")
  String metricsPort;

  @Option(
      names = "--keep",
      description =
          "After the report, keep the Kafka broker, the catalog bridge and its web console"
              + " (/console) up until Ctrl-C, so you can look at the tables, alerts and runs.")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (events <= 0) {
      spec.commandLine().getErr().println("Cannot run demo: --events must be positive: " + events);
      return 2;
    }
    PrometheusReporting.Port metrics;
    try {
      metrics = PrometheusReporting.Port.parse(metricsPort);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    Path folder = dir != null ? dir : Files.createTempDirectory("driftway-demo-");
    new DemoRunner(folder, events, out).metricsPort(metrics).keep(keep).run();
    out.printf("%nDone. Tables and Parquet files are in %s%n", folder.resolve("warehouse"));
    out.flush();
    return 0;
  }
}
