package io.driftway.streamjobs.cli.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftway.catalogbridge.storage.S3Settings;
import io.driftway.catalogbridge.storage.WarehouseFiles;
import io.driftway.catalogbridge.sync.CatalogCheck;
import io.driftway.catalogbridge.sync.CheckReport;
import io.driftway.catalogbridge.sync.Divergence;
import java.io.PrintWriter;
import java.net.URI;
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
 * {@code driftway catalog check}: reports where the Glue view and the warehouse files diverge. Exit
 * code 0 when consistent, 1 when divergences were found, 2 when the check could not run.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Reports divergence between a Glue catalog and its files: Iceberg tables whose metadata"
          + " file is gone (orphaned metadata), Glue columns that differ from the Iceberg schema,"
          + " table and partition locations that hold nothing.",
      "Exit code: 0 consistent, 1 divergences found, 2 the check could not run."
    })
final class CheckCommand implements Callable<Integer> {

  static final int CANNOT_RUN = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--endpoint",
      defaultValue = "http://127.0.0.1:9047",
      description = "Glue endpoint to check, or 'aws' (default: ${DEFAULT-VALUE}).")
  String endpoint;

  @Option(names = "--region", defaultValue = "us-east-1", description = "Glue region.")
  String region;

  @Option(
      names = "--access-key-id",
      defaultValue = "${env:DRIFTWAY_CATALOG_ACCESS_KEY_ID}",
      description = "Access key (default: $DRIFTWAY_CATALOG_ACCESS_KEY_ID, else the AWS chain).")
  String accessKey;

  @Option(
      names = "--secret-access-key",
      defaultValue = "${env:DRIFTWAY_CATALOG_SECRET_ACCESS_KEY}",
      description = "Secret key (default: $DRIFTWAY_CATALOG_SECRET_ACCESS_KEY).")
  String secretKey;

  @Option(names = "--database", paramLabel = "NAME", description = "Check only this database.")
  List<String> databases = new ArrayList<>();

  @Option(names = "--no-partitions", description = "Skip partition locations (faster).")
  boolean noPartitions;

  @Option(names = "--s3-endpoint", description = "S3 endpoint for s3:// locations.")
  URI s3Endpoint;

  @Option(names = "--s3-region", defaultValue = "us-east-1", description = "S3 region.")
  String s3Region;

  @Option(
      names = "--s3-access-key-id",
      defaultValue = "${env:DRIFTWAY_S3_ACCESS_KEY_ID}",
      description = "S3 access key (default: the AWS chain).")
  String s3Key;

  @Option(
      names = "--s3-secret-access-key",
      defaultValue = "${env:DRIFTWAY_S3_SECRET_ACCESS_KEY}",
      description = "S3 secret key.")
  String s3Secret;

  @Option(names = "--s3-path-style", description = "Path-style S3 addressing.")
  boolean s3PathStyle;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CheckReport report;
    S3Settings s3 =
        new S3Settings(
            s3Endpoint,
            s3Region,
            s3Key == null || s3Key.isBlank() ? null : s3Key,
            s3Secret,
            s3PathStyle);
    try (GlueClient glue = GlueEndpointOptions.client(endpoint, region, accessKey, secretKey);
        WarehouseFiles files = WarehouseFiles.create(s3)) {
      report = CatalogCheck.run(glue, files, databases, !noPartitions);
    } catch (SdkException | IllegalArgumentException e) {
      err.println("Cannot check catalog: " + e.getMessage() + ": " + endpoint);
      err.flush();
      return CANNOT_RUN;
    }
    if (json) {
      out.println(toJson(report));
    } else {
      report.divergences().forEach(d -> out.println(d.describe()));
      report.unchecked().forEach(u -> out.println("UNCHECKED " + u));
      out.printf(
          "checked %d tables, %d partitions: %d divergences, %d unchecked%n",
          report.tablesChecked(),
          report.partitionsChecked(),
          report.divergences().size(),
          report.unchecked().size());
    }
    out.flush();
    return report.exitCode();
  }

  private static String toJson(CheckReport report) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("tables", report.tablesChecked());
    root.put("partitions", report.partitionsChecked());
    ArrayNode divergences = root.putArray("divergences");
    for (Divergence d : report.divergences()) {
      ObjectNode node = divergences.addObject();
      node.put("kind", d.kind().name());
      node.put("database", d.database());
      node.put("table", d.table());
      ArrayNode values = node.putArray("partition");
      d.partition().forEach(values::add);
      node.put("location", d.location());
      node.put("detail", d.detail());
    }
    ArrayNode unchecked = root.putArray("unchecked");
    report.unchecked().forEach(unchecked::add);
    return root.toString();
  }
}
