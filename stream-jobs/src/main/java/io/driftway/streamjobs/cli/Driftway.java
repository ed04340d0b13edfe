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
    subcommands = {
      ValidateCommand.class,
      RunCommand.class,
      SubmitCommand.class,
      BackfillCommand.class,
      DemoCommand.class,
      CatalogCommand.class,
      CrawlCommand.class,
      AuditCommand.class,
      QuarantineCommand.class,
      SchemaCommand.class,
      MaintainCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Driftway {

  private Driftway() {}

  /** Builds the command line, ready to execute; tests call this to run commands in process. */
  public static CommandLine commandLine() {
    return new CommandLine(new Driftway());
  }

  public static void main(String[] args) {
    // The CLI's own logging (to stderr), unless the user points log4j2 elsewhere; set before any
    // logger exists, and ahead of the test-logging file that the demo's broker launcher carries.
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "log4j2-cli.properties");
    }
    System.exit(commandLine().execute(args));
  }
}
