package io.driftway.streamjobs.cli;

import io.driftway.streamjobs.backfill.BackfillProgress;
import io.driftway.streamjobs.backfill.BackfillRunner;
import io.driftway.streamjobs.backfill.BackfillSpec;
import io.driftway.streamjobs.backfill.BackfillSummary;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.streamjobs.spec.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftway backfill}: writes history (S3 files, a Kafka topic range, a Kinesis stream range)
 * into a pipeline's tables, with the pipeline's schema rules, skipping what earlier runs of the
 * same backfill committed.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes history into a pipeline's Iceberg tables: S3 files, a Kafka topic range or a Kinesis"
          + " stream range, through the same decode, routing, schema tracking, quarantine and"
          + " alerts as the streaming job, which may keep writing the same tables meanwhile.",
      "",
      "Bookmarks: every run records what it committed under"
          + " <warehouse>/_driftway_bookmarks/; the same backfill run again skips that, so a"
          + " repeated or restarted run writes no row twice.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  driftway backfill --pipeline orders.yaml --source kafka://orders \\",
      "      --from 2026-11-01T00:00:00Z --to 2026-11-02T00:00:00Z",
      "  driftway backfill --pipeline orders.yaml --source s3://archive/orders/ --table sales.orders",
      "  driftway backfill --pipeline orders.yaml --source kafka://orders --from 0:1200,1:900 \\",
      "      --branch backfill-nov --max-quarantine-rate 0.01",
      "",
      "Exit codes: 0 done, 1 the run failed or did not pass validation, 2 bad arguments."
    })
final class BackfillCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--pipeline",
      required = true,
      paramLabel = "<pipeline.yaml>",
      description = "The pipeline file: tables, policies, catalog, warehouse, brokers.")
  Path pipelineFile;

  @Option(
      names = "--source",
      required = true,
      paramLabel = "<uri>",
      description =
          "What to read: s3://bucket/prefix/, file:/folder, kafka://topic"
              + " (kafka://host:port/topic for other brokers), kinesis://stream.")
  String source;

  @Option(
      names = "--from",
      paramLabel = "<position>",
      description =
          "Start of the range. Kafka: earliest (default), an offset, partition:offset,... or an"
              + " ISO instant. Kinesis: trim-horizon (default) or an ISO instant.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "<position>",
      description =
          "End of the range, exclusive. Kafka: latest (default, the end when the run starts), an"
              + " offset, partition:offset,... or an ISO instant. Kinesis: now or an ISO instant.")
  String to;

  @Option(
      names = "--table",
      paramLabel = "<database.table>",
      description = "Write every record to this table instead of the pipeline's routing.")
  String table;

  @Option(
      names = "--group-size",
      paramLabel = "<size>",
      defaultValue = "64MB",
      description = "Files are read in groups of about this size (default: ${DEFAULT-VALUE}).")
  String groupSize;

  @Option(
      names = "--branch",
      paramLabel = "<name>",
      description =
          "Write to this Iceberg branch, check the result, then publish it to main. A run that"
              + " fails the checks keeps the branch and exits 1.")
  String branch;

  @Option(
      names = "--max-quarantine-rate",
      paramLabel = "<share>",
      description = "With --branch: publish only if at most this share (0..1) was quarantined.")
  Double maxQuarantineRate;

  @Option(
      names = "--expected-rows",
      paramLabel = "<n>",
      description = "With --branch: publish only if the run wrote exactly this many rows.")
  Long expectedRows;

  @Option(
      names = "--no-bookmark",
      description = "Read the whole range even if earlier runs committed parts of it.")
  boolean noBookmark;

  @Option(
      names = "--run-id",
      paramLabel = "<id>",
      description = "Name this run (default: a new id); stamped on every snapshot it commits.")
  String runId;

  @Option(
      names = "--flink",
      paramLabel = "<rest-url>",
      description =
          "Run on this Flink session cluster (REST), e.g. http://jobmanager:8081; default: an"
              + " embedded MiniCluster.")
  URI flink;

  @Option(
      names = "--from-checkpoint",
      paramLabel = "<path>",
      description =
          "Resume a killed run from its retained checkpoint (Flink's own exactly-once resume);"
              + " give the same --run-id.")
  String fromCheckpoint;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PipelineSpec pipeline;
    BackfillSpec backfill;
    try {
      pipeline = PipelineSpecLoader.load(pipelineFile);
      backfill =
          BackfillSpec.builder(source)
              .from(from)
              .to(to)
              .table(table)
              .groupSizeBytes(BackfillSpec.parseSize(groupSize))
              .branch(branch)
              .maxQuarantineRate(maxQuarantineRate)
              .expectedRows(expectedRows)
              .bookmarks(!noBookmark)
              .runId(runId)
              .build();
    } catch (SpecException | IllegalArgumentException e) {
      err.println(e.getMessage());
      err.flush();
      return 2;
    }
    Configuration extra = new Configuration();
    if (fromCheckpoint != null) {
      extra.set(StateRecoveryOptions.SAVEPOINT_PATH, fromCheckpoint);
    }
    ProgressLine line = new ProgressLine(err, stderrIsTerminal());
    BackfillRunner.Builder runner =
        BackfillRunner.builder(pipeline, backfill)
            .configuration(extra)
            .progress(line::show, Duration.ofMillis(line.interactive ? 500 : 5_000));
    if (flink != null) {
      if (flink.getHost() == null || flink.getPort() < 0) {
        err.println(
            "Cannot run backfill: --flink needs host and port, e.g. http://jobmanager:8081: "
                + flink);
        err.flush();
        return 2;
      }
      runner.flink(flink).jars(SubmitCommand.jobJars());
    }
    err.printf(
        "Backfill %s: %s into pipeline %s%s%n",
        backfill.runId(),
        source,
        pipeline.name(),
        flink == null ? " (embedded Flink)" : " on " + flink);
    err.flush();
    BackfillSummary summary;
    try {
      summary = runner.build().run();
    } catch (IllegalArgumentException | IllegalStateException e) {
      line.done();
      err.println(e.getMessage());
      err.flush();
      return 2;
    }
    line.done();
    out.print(summary.describe());
    out.flush();
    return summary.state() == BackfillSummary.State.SUCCEEDED ? 0 : 1;
  }

  /**
   * Whether stderr is a terminal. Java has no portable test for one stream (System.console() says
   * nothing about stderr, and is never null from JDK 22 on), so ask Linux where fd 2 points.
   */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** A progress bar redrawn in place on a terminal, a plain line every few seconds otherwise. */
  static final class ProgressLine {
    private static final int WIDTH = 24;
    private final PrintWriter err;
    final boolean interactive;
    private boolean drawn;

    ProgressLine(PrintWriter err, boolean interactive) {
      this.err = err;
      this.interactive = interactive;
    }

    synchronized void show(BackfillProgress p) {
      String text = render(p, interactive);
      if (interactive) {
        err.print("\r" + text + "\u001b[K");
        drawn = true;
      } else {
        err.println(text);
      }
      err.flush();
    }

    synchronized void done() {
      if (drawn) {
        err.println();
        err.flush();
        drawn = false;
      }
    }

    static String render(BackfillProgress p, boolean bar) {
      StringBuilder s = new StringBuilder();
      var fraction = p.fraction();
      if (bar && !fraction.isEmpty()) {
        int filled = (int) Math.round(fraction.getAsDouble() * WIDTH);
        s.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
      }
      if (!fraction.isEmpty()) {
        s.append(String.format("%3.0f%% ", fraction.getAsDouble() * 100));
      }
      if (p.files() > 0 || p.totalFiles().isPresent()) {
        s.append(String.format("files %,d", p.files()));
        p.totalFiles().ifPresent(t -> s.append(String.format("/%,d", t)));
        s.append("  ");
      }
      if (p.bytes() > 0) {
        s.append(mib(p.bytes()));
        p.totalBytes().ifPresent(t -> s.append("/").append(mib(t)));
        s.append("  ");
      }
      s.append(String.format("records %,d", p.records()));
      p.totalRecords().ifPresent(t -> s.append(String.format("/%,d", t)));
      s.append(String.format("  %,.0f rec/s", p.recordsPerSecond()));
      p.eta()
          .ifPresent(
              eta ->
                  s.append(String.format("  ETA %d:%02d", eta.toMinutes(), eta.toSecondsPart())));
      s.append("  ").append(p.state());
      return s.toString();
    }

    private static String mib(long bytes) {
      return String.format("%.1f MiB", bytes / 1048576.0);
    }
  }
}
