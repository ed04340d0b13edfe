package io.driftway.streamjobs.cli;

import io.driftway.catalogbridge.storage.S3Settings;
import io.driftway.catalogbridge.sync.GlueClients;
import io.driftway.connectors.files.FileReadException;
import io.driftway.streamjobs.crawl.CrawlException;
import io.driftway.streamjobs.crawl.CrawlFormat;
import io.driftway.streamjobs.crawl.CrawlRequest;
import io.driftway.streamjobs.crawl.CrawlResult;
import io.driftway.streamjobs.crawl.Crawler;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.DeleteBehavior;
import software.amazon.awssdk.services.glue.model.UpdateBehavior;

/**
 * {@code driftway crawl}: infers a table from files under an S3 prefix or a local folder and
 * creates or updates it in a Glue catalog, as an AWS Glue crawler does. Exit code 0 when the crawl
 * finished, 2 when it could not run.
 */
@Command(
    name = "crawl",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Infers a table from the files under an S3 prefix or a local folder — columns in Hive types"
          + " (the types a pipeline would give), Hive partitions from key=value folders, the SerDe"
          + " and formats Athena reads — and creates or updates it through the Glue API (the"
          + " catalog bridge, or AWS Glue with --endpoint aws).",
      "A later crawl lists only the folders above the partitions, reads only new partitions and"
          + " adds them; known partitions are never listed or rewritten.",
      "",
      "Example:",
      "  driftway crawl s3://lake/events/ --database raw --table events \\",
      "      --s3-endpoint http://127.0.0.1:9000 --s3-path-style",
      ""
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:the crawl finished", "2:the crawl could not run (message on stderr)"})
final class CrawlCommand implements Callable<Integer> {

  static final int CANNOT_RUN = 2;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "LOCATION",
      description = "s3://bucket/prefix/ or a local folder: the table's root.")
  String location;

  @Option(
      names = "--database",
      paramLabel = "NAME",
      required = true,
      description = "Glue database (created if missing).")
  String database;

  @Option(names = "--table", paramLabel = "NAME", required = true, description = "Glue table name.")
  String table;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "parquet, json, csv or avro (default: by file extension; .gz files are gzip-compressed"
              + " text).")
  String format;

  @Option(
      names = "--update-behavior",
      paramLabel = "BEHAVIOR",
      defaultValue = "UPDATE_IN_DATABASE",
      description =
          "UPDATE_IN_DATABASE (add new columns, widen types) or LOG (report, leave the table)"
              + " (default: ${DEFAULT-VALUE}).")
  String updateBehavior;

  @Option(
      names = "--delete-behavior",
      paramLabel = "BEHAVIOR",
      defaultValue = "DEPRECATE_IN_DATABASE",
      description =
          "For partitions (and the table) whose files are gone: LOG, DELETE_FROM_DATABASE or"
              + " DEPRECATE_IN_DATABASE (marks them DEPRECATED_BY_CRAWLER) (default:"
              + " ${DEFAULT-VALUE}).")
  String deleteBehavior;

  @Option(
      names = "--sample-files",
      paramLabel = "N",
      defaultValue = "" + CrawlRequest.DEFAULT_SAMPLE_FILES,
      description =
          "Files read to infer the schema, one per new partition first (default: ${DEFAULT-VALUE}).")
  int sampleFiles;

  @Option(
      names = "--crawler-name",
      paramLabel = "NAME",
      defaultValue = CrawlRequest.DEFAULT_CRAWLER_NAME,
      description =
          "Written to the table's UPDATED_BY_CRAWLER parameter (default: ${DEFAULT-VALUE}).")
  String crawlerName;

  @Option(
      names = "--endpoint",
      paramLabel = "ENDPOINT",
      defaultValue = "http://127.0.0.1:9047",
      description = "Glue endpoint, or 'aws' for AWS Glue (default: ${DEFAULT-VALUE}).")
  String endpoint;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "us-east-1",
      description = "Glue region.")
  String region;

  @Option(
      names = "--access-key-id",
      paramLabel = "KEY",
      defaultValue = "${env:DRIFTWAY_CATALOG_ACCESS_KEY_ID}",
      description = "Access key (default: $DRIFTWAY_CATALOG_ACCESS_KEY_ID, else the AWS chain).")
  String accessKey;

  @Option(
      names = "--secret-access-key",
      paramLabel = "SECRET",
      defaultValue = "${env:DRIFTWAY_CATALOG_SECRET_ACCESS_KEY}",
      description = "Secret key (default: $DRIFTWAY_CATALOG_SECRET_ACCESS_KEY).")
  String secretKey;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "ENDPOINT",
      description = "S3 endpoint for s3:// locations.")
  URI s3Endpoint;

  @Option(
      names = "--s3-region",
      paramLabel = "REGION",
      defaultValue = "us-east-1",
      description = "S3 region.")
  String s3Region;

  @Option(
      names = "--s3-access-key-id",
      paramLabel = "KEY",
      defaultValue = "${env:DRIFTWAY_S3_ACCESS_KEY_ID}",
      description = "S3 access key (default: the AWS chain).")
  String s3Key;

  @Option(
      names = "--s3-secret-access-key",
      paramLabel = "SECRET",
      defaultValue = "${env:DRIFTWAY_S3_SECRET_ACCESS_KEY}",
      description = "S3 secret key.")
  String s3Secret;

  @Option(names = "--s3-path-style", description = "Path-style S3 addressing.")
  boolean s3PathStyle;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CrawlResult result;
    try {
      CrawlRequest request =
          CrawlRequest.builder()
              .location(location)
              .database(database)
              .table(table)
              .format(format == null ? null : CrawlFormat.parse(format))
              .updateBehavior(updateBehavior(updateBehavior))
              .deleteBehavior(deleteBehavior(deleteBehavior))
              .sampleFiles(sampleFiles)
              .crawlerName(crawlerName)
              .build();
      S3Settings s3 =
          new S3Settings(s3Endpoint, s3Region, blankToNull(s3Key), s3Secret, s3PathStyle);
      try (GlueClient glue =
              GlueClients.create(
                  "aws".equalsIgnoreCase(endpoint) ? null : URI.create(endpoint),
                  region,
                  blankToNull(accessKey),
                  blankToNull(secretKey));
          Crawler crawler = Crawler.create(glue, s3)) {
        result = crawler.crawl(request);
      }
    } catch (CrawlException
        | FileReadException
        | IllegalArgumentException
        | UncheckedIOException e) {
      err.println(e.getMessage());
      err.flush();
      return CANNOT_RUN;
    } catch (SdkException e) {
      err.println("Cannot crawl: " + e.getMessage() + ": " + endpoint);
      err.flush();
      return CANNOT_RUN;
    }
    result.log().forEach(line -> out.println("  " + line));
    out.println(result.summary());
    out.flush();
    return 0;
  }

  private static UpdateBehavior updateBehavior(String value) {
    UpdateBehavior behavior = UpdateBehavior.fromValue(value.trim().toUpperCase(Locale.ROOT));
    if (behavior == UpdateBehavior.UNKNOWN_TO_SDK_VERSION) {
      throw new IllegalArgumentException(
          "Cannot crawl: unknown update behavior (allowed: UPDATE_IN_DATABASE, LOG): " + value);
    }
    return behavior;
  }

  private static DeleteBehavior deleteBehavior(String value) {
    DeleteBehavior behavior = DeleteBehavior.fromValue(value.trim().toUpperCase(Locale.ROOT));
    if (behavior == DeleteBehavior.UNKNOWN_TO_SDK_VERSION) {
      throw new IllegalArgumentException(
          "Cannot crawl: unknown delete behavior (allowed: LOG, DELETE_FROM_DATABASE,"
              + " DEPRECATE_IN_DATABASE): "
              + value);
    }
    return behavior;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
