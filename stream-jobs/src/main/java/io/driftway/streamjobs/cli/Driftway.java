package io.driftway.streamjobs.cli;

import io.driftway.streamjobs.cli.catalog.CatalogCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code driftway} command line. The repository's {@code ./driftway} script runs this class.
 *
 * <pre>{@code
 * ./driftway --help
 * ./driftway demo
 * }</pre>
 */
@Command(
    name = "driftway",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Streaming ETL from Kafka and Kinesis into partitioned Apache Iceberg tables.",
    subcommands = {DemoCommand.class, CatalogCommand.class, CommandLine.HelpCommand.class})
public final class Driftway {

  private Driftway() {}

  /** Builds the command line, ready to execute; tests call this to run commands in process. */
  public static CommandLine commandLine() {
    return new CommandLine(new Driftway());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
