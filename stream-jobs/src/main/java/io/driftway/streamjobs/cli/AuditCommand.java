package io.driftway.streamjobs.cli;

import io.driftway.streamjobs.audit.SourceRanges;
import io.driftway.streamjobs.audit.TableAudit;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.streamjobs.spec.SpecException;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftway audit <db.table> --pipeline p.yaml}: proves a table exactly once from what its
 * pipeline committed.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that a table holds every source record exactly once. Every checkpoint of a"
          + " pipeline (and of its backfills) commits, with its rows, the source ranges it read"
          + " (Kafka offsets, Kinesis sequence numbers, file lines) into <database>.<pipeline>"
          + "_source_ranges. The audit reads them and reports per source partition the gaps"
          + " (records never committed) and overlaps (records committed twice), and reads every"
          + " snapshot of the table and of its quarantine table for data files added twice.",
      "Exit code: 0 clean, 1 findings, 2 the table or its ranges could not be read.",
      "",
      "Example: ./driftway audit shop.orders --pipeline orders.yaml",
      ""
    })
final class AuditCommand implements Callable<Integer> {

  static final int CLEAN = 0;
  static final int FINDINGS = 1;
  static final int UNREADABLE = 2;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<db.table>", description = "The table to audit, e.g. shop.orders.")
  String table;

  @Option(
      names = "--pipeline",
      required = true,
      paramLabel = "<pipeline.yaml>",
      description = "The pipeline that writes the table: its catalog, warehouse and name.")
  Path pipelineFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PipelineSpec pipeline;
    try {
      pipeline = PipelineSpecLoader.load(pipelineFile);
    } catch (SpecException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return UNREADABLE;
    }
    TableIdentifier id;
    try {
      id = TableIdentifier.parse(table);
    } catch (IllegalArgumentException e) {
      err.println("Cannot audit table: not a <database>.<table> name: " + table);
      return UNREADABLE;
    }
    if (id.namespace().isEmpty()) {
      id = TableIdentifier.of(pipeline.defaultDatabase(), id.name());
    }
    Catalog catalog = null;
    try {
      catalog = Catalogs.loader(pipeline).loadCatalog();
      TableAudit.Report report =
          TableAudit.run(
              catalog,
              id,
              SourceRanges.tableFor(pipeline.defaultDatabase(), pipeline.name()),
              pipeline.name());
      report.lines().forEach(out::println);
      out.flush();
      return report.findings().isEmpty() ? CLEAN : FINDINGS;
    } catch (RuntimeException e) {
      // Catalog, storage or ranges unreadable: a script must tell this from a finding.
      err.println(
          e.getMessage() != null && e.getMessage().startsWith("Cannot audit")
              ? e.getMessage()
              : "Cannot audit table: " + e + ": " + id);
      return UNREADABLE;
    } finally {
      if (catalog instanceof Closeable closeable) {
        try {
          closeable.close();
        } catch (IOException e) {
          err.println("Cannot close catalog: " + e.getMessage());
        }
      }
    }
  }
}
