package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DriftwayTest {

  @Test
  void helpListsTheDemoCommand() {
    StringWriter out = new StringWriter();
    CommandLine cli = Driftway.commandLine();
    cli.setOut(new PrintWriter(out));

    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString()).contains("Usage: driftway").contains("demo");
  }

  @Test
  void unknownCommandExitsNonZeroAndNamesIt() {
    StringWriter err = new StringWriter();
    CommandLine cli = Driftway.commandLine();
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument at index 0: 'frobnicate'");
  }
}
