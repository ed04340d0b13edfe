package io.driftway.streamjobs.cli;

import io.driftway.connectors.quarantine.QuarantineTable;
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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftway quarantine list|show|replay}: looks at a table's quarantine and sends its rows
 * through the pipeline's current rules again, exactly once.
 */
@Command(
    name = "quarantine",
    mixinStandardHelpOptions = true,
    description = {
      "Looks at a table's quarantine (the rows decode, routing, a policy or a limit refused, with"
          + " their raw bytes) and replays them through the pipeline's current rules.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  driftway quarantine list --pipeline orders.yaml --table shop.orders --stage track",
      "  driftway quarantine show --pipeline orders.yaml --table shop.orders 3f9a0c1d",
      "  driftway quarantine replay --pipeline orders.yaml --table shop.orders \\",
      "      --reason-like '%max-record-bytes%'"
    },
    subcommands = {
      QuarantineCommand.ListRows.class,
      QuarantineCommand.ShowRow.class,
      QuarantineCommand.Replay.class
    })
final class QuarantineCommand {

  /** What every quarantine command takes: the pipeline, the table, the selection. */
  static final class Selection {
    @Option(
        names = "--pipeline",
        required = true,
        paramLabel = "<pipeline.yaml>",
        description = "The pipeline file: tables, policies, catalog, warehouse.")
    Path pipelineFile;

    @Option(
        names = "--table",
        required = true,
        paramLabel = "<database.table>",
        description = "The table whose quarantine to look at (its <table>_quarantine).")
    String table;

    @Option(
        names = "--stage",
        paramLabel = "<stage>",
        description = "Only rows refused at this stage: decode, route, track, conform, held.")
    String stage;

    @Option(
        names = "--reason-like",
        paramLabel = "<pattern>",
        description =
            "Only rows whose reason matches this SQL LIKE pattern anywhere, ignoring case"
                + " (% any text, _ one character), e.g. '%max-record-bytes%'.")
    String reasonLike;

    @Option(
        names = "--since",
        paramLabel = "<instant>",
        description =
            "Only rows quarantined at or after this ISO instant, e.g. 2026-12-01T00:00:00Z.")
    String since;

    QuarantineSelection selection() {
      return QuarantineSelection.of(stage, reasonLike, since);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Counts the selected quarantine rows by stage and reason and by replay state, then lists"
            + " them (id, time, stage, state, source, reason).",
        "",
        "States: pending (a replay sends it), replayed (a replay wrote it), failed-again (a replay"
            + " under the current rules quarantined it again), superseded (a newer row of the same"
            + " record exists), rejected (driftway schema reject).",
        ""
      },
      footer = {
        "",
        "Example:",
        "  driftway quarantine list --pipeline orders.yaml --table shop.orders --since"
            + " 2026-12-01T00:00:00Z"
      })
  static final class ListRows implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Selection selection;

    @Option(
        names = "--limit",
        paramLabel = "<n>",
        defaultValue = "50",
        description = "List at most this many rows, newest last (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      return withInventory(
          spec,
          selection,
          (pipeline, inventory) -> {
            out.print(describeList(inventory, selection.selection(), limit));
            out.flush();
            return 0;
          });
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Shows one quarantine row: where it came from, stage, reason, replay state, and its raw"
            + " bytes (text with control characters escaped, or a hex dump for binary), cut at"
            + " --max-bytes.",
        ""
      },
      footer = {
        "",
        "Example:",
        "  driftway quarantine show --pipeline orders.yaml --table shop.orders 3f9a0c1d"
      })
  static final class ShowRow implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Selection selection;

    @Parameters(
        index = "0",
        paramLabel = "<id>",
        description = "The row id as list prints it (a unique prefix of 6 or more digits will do).")
    String id;

    @Option(
        names = "--max-bytes",
        paramLabel = "<n>",
        defaultValue = "2048",
        description = "Show at most this many raw bytes (default: ${DEFAULT-VALUE}).")
    int maxBytes;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      return withInventory(
          spec,
          selection,
          (pipeline, inventory) -> {
            List<Replays.Entry> found = new ArrayList<>();
            for (Replays.Entry e : inventory.entries()) {
              if (id.length() >= 6
                  && e.row().id().startsWith(id.toLowerCase(java.util.Locale.ROOT))) {
                found.add(e);
              }
            }
            if (found.size() != 1) {
              err.println(
                  "Cannot show quarantine row: "
                      + (found.isEmpty()
                          ? "no selected row has the id"
                          : "several rows share the id")
                      + " (give 6 or more digits of an id that list prints): "
                      + id);
              err.flush();
              return found.isEmpty() ? 1 : 2;
            }
            out.print(describeRow(found.get(0), inventory.target(), maxBytes));
            out.flush();
            return 0;
          });
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = {
        "Sends the raw bytes of the selected pending rows through the pipeline's current rules"
            + " (decode, route, schema tracking, conform) into its tables, as a bounded Flink job,"
            + " exactly once: a row a replay sent is never sent again, also when a replay is"
            + " killed and run again. Rows that fail again stay quarantined with their new reason.",
        "",
        "Rows that failed again under the same rules are not sent again; after a change of the"
            + " pipeline's rules (format, routing, policies) they are.",
        ""
      },
      footer = {
        "",
        "Examples:",
        "  driftway quarantine replay --pipeline orders.yaml --table shop.orders",
        "  driftway quarantine replay --pipeline orders.yaml --table shop.orders --stage decode \\",
        "      --since 2026-12-01T00:00:00Z --flink http://jobmanager:8081",
        "",
        "Exit codes: 0 done, 1 the replay failed, 2 bad arguments."
      })
  static final class Replay implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Selection selection;

    @Option(
        names = "--rate",
        paramLabel = "<records/s>",
        description = "Send at most this many records a second (default: no limit).")
    double rate;

    @Option(
        names = "--run-id",
        paramLabel = "<id>",
        description = "Name this run (default: a new id); stamped on every snapshot it commits.")
    String runId;

    @Option(
        names = "--flink",
        paramLabel = "<rest-url>",
        description = "Run on this Flink session cluster (REST); default: an embedded MiniCluster.")
    URI flink;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      PipelineSpec pipeline;
      TableIdentifier target;
      QuarantineSelection chosen;
      try {
        pipeline = PipelineSpecLoader.load(selection.pipelineFile);
        target = Replays.table(selection.table);
        chosen = selection.selection().rate(rate);
      } catch (SpecException | IllegalArgumentException e) {
        err.println(e.getMessage());
        err.flush();
        return 2;
      }
      ReplayRun.Result result;
      try {
        result = ReplayRun.run(err, pipeline, target, chosen, runId, flink);
      } catch (IllegalArgumentException | IllegalStateException e) {
        err.println(e.getMessage());
        err.flush();
        return 2;
      }
      out.print(result.report());
      out.flush();
      return result.summary().state() == BackfillSummary.State.SUCCEEDED ? 0 : 1;
    }
  }

  /** What list and show do with the inventory they read. */
  @FunctionalInterface
  interface InventoryAction {
    int apply(PipelineSpec pipeline, Replays.Inventory inventory) throws Exception;
  }

  static int withInventory(CommandSpec spec, Selection selection, InventoryAction action)
      throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PipelineSpec pipeline;
    TableIdentifier target;
    QuarantineSelection chosen;
    try {
      pipeline = PipelineSpecLoader.load(selection.pipelineFile);
      target = Replays.table(selection.table);
      chosen = selection.selection();
    } catch (SpecException | IllegalArgumentException e) {
      err.println(e.getMessage());
      err.flush();
      return 2;
    }
    Catalog catalog = Catalogs.loader(pipeline).loadCatalog();
    try {
      return action.apply(pipeline, Replays.inventory(pipeline, catalog, target, chosen));
    } finally {
      if (catalog instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  /** The text of {@code quarantine list}. */
  static String describeList(
      Replays.Inventory inventory, QuarantineSelection selection, int limit) {
    StringBuilder out = new StringBuilder();
    List<Replays.Entry> entries = inventory.entries();
    out.append(
        String.format(
            "Quarantine of %s (%s): %,d rows, %s%n",
            inventory.target(),
            QuarantineTable.idFor(inventory.target()),
            entries.size(),
            selection.describe()));
    if (entries.isEmpty()) {
      return out.toString();
    }
    Map<String, Long> byReason = new TreeMap<>();
    for (Replays.Entry e : entries) {
      byReason.merge(
          String.format("%-8s %s", e.row().stage(), cut(oneLine(e.row().reason()), 96)),
          1L,
          Long::sum);
    }
    out.append("  by stage and reason:").append(System.lineSeparator());
    int shown = 0;
    for (Map.Entry<String, Long> group : byReason.entrySet()) {
      if (shown++ == 20) {
        out.append(String.format("    ... %d more reasons%n", byReason.size() - 20));
        break;
      }
      out.append(String.format("    %,6d  %s%n", group.getValue(), group.getKey()));
    }
    StringBuilder states = new StringBuilder();
    inventory
        .byState()
        .forEach(
            (state, n) ->
                states
                    .append(states.length() == 0 ? "" : ", ")
                    .append(state.label())
                    .append(' ')
                    .append(n));
    out.append("  by state: ").append(states).append(System.lineSeparator());
    out.append(
        String.format(
            "  %-16s  %-27s  %-7s  %-12s  %-28s  %s%n",
            "ID", "QUARANTINED AT", "STAGE", "STATE", "SOURCE", "REASON"));
    int from = Math.max(0, entries.size() - limit);
    for (Replays.Entry e : entries.subList(from, entries.size())) {
      QuarantineRow row = e.row();
      out.append(
          String.format(
              "  %-16s  %-27s  %-7s  %-12s  %-28s  %s%n",
              row.id(),
              row.quarantinedAt(),
              row.stage(),
              e.state().label(),
              cut(row.source(), 28),
              cut(oneLine(row.reason()), 100)));
    }
    if (from > 0) {
      out.append(
          String.format(
              "  (the newest %d of %,d rows; --limit shows more)%n", limit, entries.size()));
    }
    return out.toString();
  }

  /** The text of {@code quarantine show}. */
  static String describeRow(Replays.Entry entry, TableIdentifier target, int maxBytes) {
    QuarantineRow row = entry.row();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Row %s of %s (%s)%n", row.id(), QuarantineTable.idFor(target), entry.state().label()));
    out.append(String.format("  quarantined at  %s%n", row.quarantinedAt()));
    out.append(String.format("  stage           %s%n", row.stage()));
    out.append(String.format("  reason          %s%n", oneLine(row.reason())));
    if (row.errorClass() != null) {
      out.append(String.format("  error class     %s%n", row.errorClass()));
    }
    out.append(String.format("  source          %s%n", row.source()));
    if (row.sourceTimestamp() != null) {
      out.append(String.format("  source time     %s%n", row.sourceTimestamp()));
    }
    out.append(String.format("  record id       %s%n", row.recordId()));
    byte[] raw = row.raw();
    if (raw == null) {
      out.append("  raw             none (a record without a value)")
          .append(System.lineSeparator());
      return out.toString();
    }
    int shown = Math.min(raw.length, Math.max(0, maxBytes));
    String text = utf8(raw);
    if (text != null) {
      out.append(String.format("  raw             %,d bytes, UTF-8 text (escaped):%n", raw.length));
      String cutText = utf8Prefix(raw, shown);
      out.append("    ").append(escape(cutText)).append(System.lineSeparator());
    } else {
      out.append(String.format("  raw             %,d bytes, binary (hex):%n", raw.length));
      out.append(hexDump(raw, shown));
    }
    if (shown < raw.length) {
      out.append(
          String.format("    ... %,d more bytes (--max-bytes shows more)%n", raw.length - shown));
    }
    return out.toString();
  }

  /** Control characters and non-printing characters as escapes; the rest as it is. */
  static String escape(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        case '\\' -> s.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isISOControl(c)) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.toString();
  }

  /** Up to 16 bytes a line: offset, hex, and the printable ASCII ones. */
  static String hexDump(byte[] bytes, int length) {
    StringBuilder out = new StringBuilder();
    for (int line = 0; line < length; line += 16) {
      StringBuilder hex = new StringBuilder();
      StringBuilder ascii = new StringBuilder();
      for (int i = line; i < Math.min(line + 16, length); i++) {
        int b = bytes[i] & 0xff;
        hex.append(String.format("%02x ", b));
        ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
      }
      out.append(String.format("    %06x  %-48s |%s|%n", line, hex, ascii));
    }
    return out.toString();
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException binary) {
      return null;
    }
  }

  /** The text of the first {@code length} bytes, never cutting a character in two. */
  private static String utf8Prefix(byte[] bytes, int length) {
    int end = length;
    // Step back over continuation bytes (10xxxxxx) so the cut falls between characters.
    while (end > 0 && end < bytes.length && (bytes[end] & 0xc0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
