package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Raw bytes are shown safely: text escaped, binary as a hex dump. */
class QuarantineCommandTest {

  @Test
  void escapesControlCharactersInText() {
    assertThat(QuarantineCommand.escape("a\tb\nc\u0000d\u001b[31m\\"))
        .isEqualTo("a\\tb\\nc\\u0000d\\u001b[31m\\\\");
  }

  @Test
  void dumpsBinaryAsHexWithPrintableAscii() {
    byte[] bytes = "\u0000\u0001{\"id\":1}".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(QuarantineCommand.hexDump(bytes, bytes.length))
        .isEqualTo(
            "    000000  00 01 7b 22 69 64 22 3a 31 7d                    |..{\"id\":1}|"
                + System.lineSeparator());
  }

  @Test
  void listsTheCommandsWithExamplesInHelp() {
    String help = Driftway.commandLine().getSubcommands().get("quarantine").getUsageMessage();
    assertThat(help).contains("list", "show", "replay", "Examples:");
    String schema = Driftway.commandLine().getSubcommands().get("schema").getUsageMessage();
    assertThat(schema).contains("approve", "reject", "Examples:");
  }
}
