package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.streamjobs.backfill.BackfillProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BackfillCommandTest {

  @Test
  void helpShowsSourcesRangesBookmarksAndAnExample() {
    StringWriter out = new StringWriter();
    CommandLine cli = Driftway.commandLine();
    cli.setOut(new PrintWriter(out));

    assertThat(cli.execute("backfill", "--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: driftway backfill")
        .contains("--source=<uri>")
        .contains("kafka://topic")
        .contains("--from=<position>")
        .contains("--branch=<name>")
        .contains("Bookmarks:")
        .contains("driftway backfill --pipeline orders.yaml --source kafka://orders");
  }

  @Test
  void anUnknownSourceSchemeExitsTwoWithTheReason(@TempDir Path dir) throws Exception {
    Path pipeline = dir.resolve("p.yaml");
    Files.writeString(
        pipeline,
        """
        name: p
        sources:
          - kafka:
              bootstrap-servers: 127.0.0.1:1
              topics: [t]
        routing:
          table: t
        warehouse:
          location: %s
        """
            .formatted(dir.resolve("wh")));
    StringWriter err = new StringWriter();
    CommandLine cli = Driftway.commandLine();
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("backfill", "--pipeline", pipeline.toString(), "--source", "ftp://x/y");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().trim())
        .isEqualTo(
            "Cannot plan backfill: the source must be s3://bucket/prefix, file:/folder,"
                + " kafka://topic, kinesis://stream or quarantine://database.table: ftp://x/y");
  }

  @Test
  void progressLineShowsFilesBytesRecordsRateAndEta() {
    BackfillProgress halfway =
        new BackfillProgress(
            "RUNNING",
            2_500,
            OptionalLong.of(5_000),
            5L * 1024 * 1024,
            OptionalLong.of(10L * 1024 * 1024),
            5_000,
            OptionalLong.empty(),
            Duration.ofSeconds(10));

    assertThat(BackfillCommand.ProgressLine.render(halfway, true))
        .isEqualTo(
            "[############            ]  50% files 2,500/5,000  5.0 MiB/10.0 MiB  records 5,000"
                + "  500 rec/s  ETA 0:10  RUNNING");
    assertThat(BackfillCommand.ProgressLine.render(halfway, false))
        .startsWith(" 50% files 2,500/5,000");
  }
}
