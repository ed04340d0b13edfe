package io.driftway.streamjobs.cli.catalog;

import io.driftway.catalogbridge.sync.CatalogMirror;
import io.driftway.catalogbridge.sync.MirrorOptions;
import io.driftway.catalogbridge.sync.MirrorReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * {@code driftway catalog mirror}: copies databases, tables and partitions from the bridge to
 * another Glue endpoint, writing only what differs. Exit code 0 when everything was copied, 1 when
 * some entries failed (listed), 2 when the run could not start.
 */
@Command(
    name = "mirror",
    mixinStandardHelpOptions = true,
    description = {
      "Copies databases, tables and partitions to another Glue endpoint (AWS Glue with --to aws),"
          + " incrementally: only entries that differ are written.",
      "Source credentials default to $DRIFTWAY_CATALOG_ACCESS_KEY_ID and"
          + " $DRIFTWAY_CATALOG_SECRET_ACCESS_KEY; target credentials to the AWS default chain."
    })
final class MirrorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--from",
      paramLabel = "ENDPOINT",
      defaultValue = "http://127.0.0.1:9047",
      description = "Source Glue endpoint (default: ${DEFAULT-VALUE}).")
  String from;

  @Option(names = "--from-region", defaultValue = "us-east-1", description = "Source region.")
  String fromRegion;

  @Option(
      names = "--from-access-key-id",
      defaultValue = "${env:DRIFTWAY_CATALOG_ACCESS_KEY_ID}",
      description = "Source access key.")
  String fromKey;

  @Option(
      names = "--from-secret-access-key",
      defaultValue = "${env:DRIFTWAY_CATALOG_SECRET_ACCESS_KEY}",
      description = "Source secret key.")
  String fromSecret;

  @Option(
      names = "--to",
      paramLabel = "ENDPOINT",
      required = true,
      description = "Target Glue endpoint, or 'aws' for AWS Glue in --to-region.")
  String to;

  @Option(names = "--to-region", defaultValue = "us-east-1", description = "Target region.")
  String toRegion;

  @Option(
      names = "--to-access-key-id",
      defaultValue = "${env:DRIFTWAY_MIRROR_ACCESS_KEY_ID}",
      description = "Target access key (default: the AWS default credentials chain).")
  String toKey;

  @Option(
      names = "--to-secret-access-key",
      defaultValue = "${env:DRIFTWAY_MIRROR_SECRET_ACCESS_KEY}",
      description = "Target secret key.")
  String toSecret;

  @Option(names = "--to-catalog-id", description = "Target CatalogId (AWS account id).")
  String toCatalogId;

  @Option(
      names = "--database",
      paramLabel = "NAME",
      description = "Mirror only this database (repeatable; default: all).")
  List<String> databases = new ArrayList<>();

  @Option(names = "--delete", description = "Also delete target entries the source no longer has.")
  boolean delete;

  @Option(names = "--dry-run", description = "Report what would change; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MirrorReport report;
    try (GlueClient source = GlueEndpointOptions.client(from, fromRegion, fromKey, fromSecret);
        GlueClient target = GlueEndpointOptions.client(to, toRegion, toKey, toSecret)) {
      report =
          CatalogMirror.run(
              source, target, new MirrorOptions(databases, delete, dryRun, toCatalogId));
    } catch (SdkException | IllegalArgumentException e) {
      err.println("Cannot mirror catalog: " + e.getMessage() + ": " + from + " -> " + to);
      err.flush();
      return 2;
    }
    for (MirrorReport.Change change : report.changes()) {
      out.println(
          (dryRun ? "would be " : "")
              + change.action().name().toLowerCase(java.util.Locale.ROOT)
              + " "
              + change.entity().name().toLowerCase(java.util.Locale.ROOT)
              + " "
              + change.name()
              + (change.detail() == null ? "" : ": " + change.detail()));
    }
    report.summary().forEach(out::println);
    out.flush();
    return report.hasFailures() ? 1 : 0;
  }
}
