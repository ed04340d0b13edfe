package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CrawlCommandTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run driftway(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Driftway.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpShowsTheOptionsAndAnExample() {
    Run help = driftway("crawl", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("Usage: driftway crawl")
        .contains("LOCATION")
        .contains("--database")
        .contains("--format=FORMAT")
        .contains("--update-behavior=BEHAVIOR")
        .contains("--delete-behavior=BEHAVIOR")
        .contains("--sample-files=N")
        .contains("--s3-endpoint")
        .contains("driftway crawl s3://lake/events/ --database raw --table events");
  }

  @Test
  void refusesUnknownBehaviorsAndFormatsWithExitCode2() {
    Run update =
        driftway("crawl", "/tmp/x", "--database", "d", "--table", "t", "--update-behavior", "NOPE");
    assertThat(update.exitCode()).isEqualTo(2);
    assertThat(update.err())
        .isEqualToIgnoringNewLines(
            "Cannot crawl: unknown update behavior (allowed: UPDATE_IN_DATABASE, LOG): NOPE");

    Run delete =
        driftway("crawl", "/tmp/x", "--database", "d", "--table", "t", "--delete-behavior", "drop");
    assertThat(delete.err())
        .isEqualToIgnoringNewLines(
            "Cannot crawl: unknown delete behavior (allowed: LOG, DELETE_FROM_DATABASE,"
                + " DEPRECATE_IN_DATABASE): drop");

    Run format = driftway("crawl", "/tmp/x", "--database", "d", "--table", "t", "--format", "orc");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err())
        .isEqualToIgnoringNewLines(
            "Cannot crawl: unknown format (allowed: parquet, json, csv, avro): orc");
  }
}
