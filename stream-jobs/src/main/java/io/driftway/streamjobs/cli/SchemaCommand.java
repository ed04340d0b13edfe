package io.driftway.streamjobs.cli;

import io.driftway.connectors.quarantine.HeldReason;
import io.driftway.streamjobs.backfill.BackfillSummary;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.quarantine.QuarantineRow;
import io.driftway.streamjobs.quarantine.QuarantineSelection;
import io.driftway.streamjobs.quarantine.Replays;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.streamjobs.spec.SpecException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftway schema approve|reject}: decides the schema changes a table holds ({@code
 * new-fields: hold}) and sends the records that waited for them on, exactly once.
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = {
      "Decides the schema changes a table holds for approval (new-fields: hold): records that"
          + " would add a held column wait in the quarantine with stage held while everything"
          + " else flows.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  driftway quarantine list --pipeline orders.yaml --table shop.orders --stage held",
      "  driftway schema approve shop.orders --pipeline orders.yaml --path /coupon",
      "  driftway schema reject shop.orders --pipeline orders.yaml --path /debug --rescue"
    },
    subcommands = {SchemaCommand.Approve.class, SchemaCommand.Reject.class})
final class SchemaCommand {

  /** What both decisions take. */
  abstract static class Decision implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<database.table>", description = "The table.")
    String table;

    @Option(
        names = "--pipeline",
        required = true,
        paramLabel = "<pipeline.yaml>",
        description = "The pipeline file that declares the table and its hold.")
    Path pipelineFile;

    @Option(
        names = "--flink",
        paramLabel = "<rest-url>",
        description =
            "Run the replay on this Flink session cluster; default: an embedded MiniCluster.")
    URI flink;

    abstract String path();

    /** Runs the decision on the held rows waiting for {@link #path()}. */
    abstract int decide(
        PrintWriter out,
        PrintWriter err,
        PipelineSpec pipeline,
        TableIdentifier target,
        List<QuarantineRow> held)
        throws Exception;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      PipelineSpec pipeline;
      TableIdentifier target;
      try {
        pipeline = PipelineSpecLoader.load(pipelineFile);
        target = Replays.table(table);
        // Fails early when the pipeline does not declare the table.
        Replays.withNewFields(pipeline, target, path(), "evolve");
      } catch (SpecException | IllegalArgumentException e) {
        err.println(e.getMessage());
        err.flush();
        return 2;
      }
      List<QuarantineRow> held;
      Catalog catalog = Catalogs.loader(pipeline).loadCatalog();
      try {
        held =
            Replays.inventory(pipeline, catalog, target, QuarantineSelection.all().held(path()))
                .pending();
      } finally {
        if (catalog instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
      if (held.isEmpty()) {
        out.printf("Nothing waits in %s%s.%n", target, path() == null ? "" : " for " + path());
        out.flush();
        return 0;
      }
      return decide(out, err, pipeline, target, held);
    }

    /** The held paths the rows wait for (at or under {@link #path()}), in first-seen order. */
    Set<String> heldPaths(List<QuarantineRow> held) {
      Set<String> paths = new LinkedHashSet<>();
      for (QuarantineRow row : held) {
        for (String p : HeldReason.paths(row.reason())) {
          if (path() == null || p.equalsIgnoreCase(path()) || p.startsWith(path() + "/")) {
            paths.add(p);
          }
        }
      }
      return paths;
    }

    /** Replays the held rows with the new-field policy at {@link #path()} set to {@code action}. */
    int replay(
        PrintWriter out,
        PrintWriter err,
        PipelineSpec pipeline,
        TableIdentifier target,
        String action,
        String runPrefix)
        throws Exception {
      PipelineSpec decided = Replays.withNewFields(pipeline, target, path(), action);
      ReplayRun.Result result =
          ReplayRun.run(
              err,
              decided,
              target,
              QuarantineSelection.all().held(path()),
              runPrefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
              flink);
      out.print(result.report());
      out.flush();
      return result.summary().state() == BackfillSummary.State.SUCCEEDED ? 0 : 1;
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = {
        "Approves the held new fields of a table (all of them, or those at and under --path):"
            + " adds their columns and replays the records that waited for them, exactly once"
            + " (rerun it after a kill: it carries on). A running pipeline sees the new columns"
            + " in the catalog within a second and lets records with them through.",
        "",
        "The pipeline file keeps new-fields: hold; a later new field waits again.",
        ""
      },
      footer = {
        "",
        "Example:",
        "  driftway schema approve shop.orders --pipeline orders.yaml --path /coupon"
      })
  static final class Approve extends Decision {
    @Option(
        names = "--path",
        paramLabel = "<field path>",
        description = "Approve only this field (and fields under it), e.g. /coupon.")
    String path;

    @Override
    String path() {
      return path;
    }

    @Override
    int decide(
        PrintWriter out,
        PrintWriter err,
        PipelineSpec pipeline,
        TableIdentifier target,
        List<QuarantineRow> held)
        throws Exception {
      Set<String> paths = heldPaths(held);
      out.printf(
          "Approve %s %s: %,d held rows wait for it%n",
          target, String.join(", ", paths), held.size());
      out.flush();
      int code = replay(out, err, pipeline, target, "evolve", "approve-");
      Catalog catalog = Catalogs.loader(pipeline).loadCatalog();
      try {
        Schema schema = catalog.loadTable(target).schema();
        for (String p : paths) {
          Types.NestedField column = schema.findField(p.substring(1).replace('/', '.'));
          out.printf(
              "  column %s: %s%n",
              p,
              column == null
                  ? "not in the table (no approved row reached it)"
                  : "in the table now, " + column.type());
        }
      } finally {
        if (catalog instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
      out.flush();
      return code;
    }
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = {
        "Rejects a held new field of a table: its held records stay in the quarantine, marked"
            + " rejected (no replay sends them), or with --rescue are written without the column,"
            + " their values for it in the rescued-data column, exactly once.",
        "",
        "A running pipeline keeps holding new records with the field until its file says what"
            + " to do with it, e.g. policies: {overrides: {/debug: rescue}}.",
        ""
      },
      footer = {
        "",
        "Examples:",
        "  driftway schema reject shop.orders --pipeline orders.yaml --path /debug",
        "  driftway schema reject shop.orders --pipeline orders.yaml --path /debug --rescue"
      })
  static final class Reject extends Decision {
    @Option(
        names = "--path",
        required = true,
        paramLabel = "<field path>",
        description = "The field to reject (and fields under it), e.g. /debug.")
    String path;

    @Option(
        names = "--rescue",
        description = "Write the held records without the column, the field in _rescued_data.")
    boolean rescue;

    @Override
    String path() {
      return path;
    }

    @Override
    int decide(
        PrintWriter out,
        PrintWriter err,
        PipelineSpec pipeline,
        TableIdentifier target,
        List<QuarantineRow> held)
        throws Exception {
      Set<String> paths = heldPaths(held);
      if (rescue) {
        out.printf(
            "Reject %s %s, rescuing: %,d held rows wait for it%n",
            target, String.join(", ", paths), held.size());
        out.flush();
        return replay(out, err, pipeline, target, "rescue", "reject-");
      }
      Replays.reject(
          pipeline,
          target,
          held,
          "reject-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
      out.printf(
          "Rejected %s %s: %,d held rows stay in %s_quarantine, marked rejected; no replay sends"
              + " them.%n",
          target, String.join(", ", paths), held.size(), target);
      out.flush();
      return 0;
    }
  }
}
