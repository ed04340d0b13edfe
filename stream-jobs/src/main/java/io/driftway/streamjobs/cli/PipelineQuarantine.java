package io.driftway.streamjobs.cli;

import io.driftway.catalogbridge.console.quarantine.QuarantineAccess;
import io.driftway.connectors.tracking.TableSettings;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.quarantine.QuarantineRow;
import io.driftway.streamjobs.quarantine.QuarantineSelection;
import io.driftway.streamjobs.quarantine.Replays;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine;

/**
 * The console's view of the quarantines of the tables that some pipeline files declare: rows and
 * their replay states as {@code driftway quarantine list} reads them, replays as Glue job runs of
 * {@code quarantine://db.table}, and held-change decisions run exactly as {@code driftway schema
 * approve|reject} runs them (its summary is what the page shows).
 *
 * <pre>{@code
 * CatalogBridge.builder(config)
 *     .jobLauncher(BackfillLauncher.embedded())
 *     .quarantine(PipelineQuarantine.of(List.of(Path.of("events.yaml"))))
 *     .start();
 * }</pre>
 *
 * <p>The files are read at each call, so an edited file (a fixed policy) counts from the next
 * replay on, as for the command line.
 */
public final class PipelineQuarantine implements QuarantineAccess {

  private final List<Path> files;

  private PipelineQuarantine(List<Path> files) {
    this.files = List.copyOf(files);
  }

  /** The quarantines of the tables {@code files} declare (the first file to declare one wins). */
  public static PipelineQuarantine of(List<Path> files) {
    return new PipelineQuarantine(files);
  }

  @Override
  public List<String> tables() {
    Map<String, Path> tables = declared();
    return new ArrayList<>(tables.keySet());
  }

  @Override
  public Optional<List<Row>> rows(String database, String table) {
    Path file = declared().get(database + "." + table);
    if (file == null) {
      return Optional.empty();
    }
    PipelineSpec pipeline = PipelineSpecLoader.load(file);
    TableIdentifier target = TableIdentifier.of(database, table);
    Catalog catalog = Catalogs.loader(pipeline).loadCatalog();
    try {
      List<Row> rows = new ArrayList<>();
      for (Replays.Entry entry :
          Replays.inventory(pipeline, catalog, target, QuarantineSelection.all()).entries()) {
        QuarantineRow row = entry.row();
        rows.add(
            new Row(
                row.id(),
                row.quarantinedAt(),
                row.stage(),
                row.reason(),
                row.source(),
                entry.state().label(),
                row.raw()));
      }
      return Optional.of(rows);
    } catch (org.apache.iceberg.exceptions.NoSuchTableException e) {
      return Optional.of(List.of()); // nothing quarantined yet: the table does not exist
    } finally {
      close(catalog);
    }
  }

  @Override
  public Map<String, String> replayArguments(String database, String table) {
    Path file = file(database, table);
    Map<String, String> arguments = new LinkedHashMap<>();
    arguments.put("--pipeline", file.toAbsolutePath().toString());
    arguments.put("--source", Replays.source(TableIdentifier.of(database, table)));
    return arguments;
  }

  @Override
  public String decide(String database, String table, String path, Decision decision) {
    Path file = file(database, table);
    List<String> args = new ArrayList<>();
    args.add("schema");
    args.add(decision == Decision.APPROVE ? "approve" : "reject");
    args.add(database + "." + table);
    args.add("--pipeline");
    args.add(file.toAbsolutePath().toString());
    args.add("--path");
    args.add(path);
    if (decision == Decision.REJECT_AND_RESCUE) {
      args.add("--rescue");
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Driftway.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .setExecutionExceptionHandler(
                (e, line, parsed) -> {
                  line.getErr().println("Cannot decide held change: " + e.getMessage());
                  return 1;
                })
            .execute(args.toArray(String[]::new));
    if (code != 0 && code != CommandLine.ExitCode.OK) {
      // The command's own messages say what went wrong (its errors, then what it printed).
      return "Failed (exit code " + code + "):\n" + lastLines(err.toString()) + out;
    }
    return out.toString();
  }

  private Map<String, Path> declared() {
    Map<String, Path> tables = new LinkedHashMap<>();
    for (Path file : files) {
      if (!java.nio.file.Files.isRegularFile(file)) {
        continue; // not written yet (the demo writes its file once the bridge is up)
      }
      for (TableSettings table : PipelineSpecLoader.load(file).tables()) {
        tables.putIfAbsent(table.database() + "." + table.name(), file);
      }
    }
    return tables;
  }

  private Path file(String database, String table) {
    Path file = declared().get(database + "." + table);
    if (file == null) {
      throw new IllegalArgumentException(
          "Cannot find pipeline: no pipeline file of this bridge declares the table: "
              + database
              + "."
              + table);
    }
    return file;
  }

  private static String lastLines(String text) {
    String[] lines = text.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 10), lines.length))
        + "\n";
  }

  private static void close(Catalog catalog) {
    if (catalog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // closing a catalog's client pool; nothing to do about a failure here
      }
    }
  }
}
