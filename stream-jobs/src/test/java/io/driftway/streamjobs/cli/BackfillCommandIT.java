package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.testsupport.kafka.KafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code driftway backfill} as a user runs it: a Kafka range into a local warehouse (Hadoop
 * catalog) on the embedded MiniCluster, a plain progress line on a non-terminal stderr, and the
 * summary on stdout; the same command again skips everything by bookmark.
 */
@ExtendWith(KafkaExtension.class)
class BackfillCommandIT {

  @Test
  void backfillsAKafkaRangeAndPrintsTheSummary(KafkaBroker kafka, @TempDir Path dir)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "cli-" + suffix;
    kafka.createTopic(topic, 2);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      records.add(PipelineHarness.utf8("{\"id\": %d, \"tag\": \"t%d\"}".formatted(i, i % 3)));
    }
    records.add(PipelineHarness.utf8("{broken"));
    PipelineHarness.produce(kafka, topic, records);
    Path pipeline = dir.resolve("cli.yaml");
    Files.writeString(
        pipeline,
        """
        name: cli-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
        routing:
          table: tags
        tables:
          - name: tags
            database: cli
        warehouse:
          location: %s
        catalog:
          type: hadoop
        checkpointing:
          interval: 1s
        parallelism: 1
        """
            .formatted(suffix, kafka.bootstrapServers(), topic, dir.resolve("warehouse")));

    String[] args = {"backfill", "--pipeline", pipeline.toString(), "--source", "kafka://" + topic};
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Driftway.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("SUCCEEDED")
        .containsPattern("cli\\.tags +200 rows written, 0 rescued, 1 quarantined")
        .contains("skipped by bookmark: 0 records, 0 files");

    StringWriter again = new StringWriter();
    CommandLine second = Driftway.commandLine();
    second.setOut(new PrintWriter(again));
    second.setErr(new PrintWriter(new StringWriter()));
    assertThat(second.execute(args)).isZero();
    assertThat(again.toString())
        .contains("no rows written")
        .contains("skipped by bookmark: 201 records, 0 files");
  }
}
