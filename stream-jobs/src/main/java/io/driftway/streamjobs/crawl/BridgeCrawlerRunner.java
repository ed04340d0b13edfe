package io.driftway.streamjobs.crawl;

import io.driftway.catalogbridge.crawlers.CrawlContext;
import io.driftway.catalogbridge.crawlers.CrawlerRunner;
import io.driftway.catalogbridge.model.S3Target;
import io.driftway.catalogbridge.model.SchemaChangePolicy;
import io.driftway.catalogbridge.storage.S3Settings;
import io.driftway.connectors.files.FileReadException;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.DeleteBehavior;
import software.amazon.awssdk.services.glue.model.UpdateBehavior;

/**
 * Runs the catalog bridge's crawlers (StartCrawler) with the {@link Crawler}: one table per S3
 * target, named like AWS Glue names it ({@code TablePrefix} + the target's last folder name, lower
 * case, other characters than letters and digits as {@code _}), in the crawler's database, with its
 * SchemaChangePolicy; a target's {@code SampleSize} caps the files read. Catalog writes go through
 * the bridge's own API with the rights of whoever started the crawl.
 *
 * <pre>{@code
 * CatalogBridge bridge = CatalogBridge.builder(config)
 *     .crawlerRunner(new BridgeCrawlerRunner(s3Settings))
 *     .start();
 * }</pre>
 */
public final class BridgeCrawlerRunner implements CrawlerRunner {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeCrawlerRunner.class);

  private final S3Settings s3;

  /** A runner that reads {@code s3://} targets with {@code s3} (local folders need nothing). */
  public BridgeCrawlerRunner(S3Settings s3) {
    this.s3 = Objects.requireNonNull(s3, "s3");
  }

  @Override
  public io.driftway.catalogbridge.crawlers.CrawlResult crawl(CrawlContext context)
      throws InterruptedException {
    io.driftway.catalogbridge.model.Crawler definition = context.crawler();
    SchemaChangePolicy policy = definition.effectiveSchemaChangePolicy();
    int created = 0;
    int updated = 0;
    int deleted = 0;
    int partitions = 0;
    try (GlueClient glue =
            InProcessGlue.client(
                context.catalog(), context.caller(), context.catalogEndpoint(), context.region());
        Crawler crawler = Crawler.create(glue, s3)) {
      if (definition.targets() == null || definition.targets().s3Targets().isEmpty()) {
        return io.driftway.catalogbridge.crawlers.CrawlResult.failed(
            "Cannot crawl: the crawler has no S3 targets: " + definition.name());
      }
      for (S3Target target : definition.targets().s3Targets()) {
        if (context.stopRequested() || Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("crawl stopped: " + definition.name());
        }
        CrawlRequest request =
            CrawlRequest.builder()
                .location(target.path())
                .database(definition.databaseName())
                .table(tableName(definition.tablePrefix(), target.path()))
                .updateBehavior(UpdateBehavior.valueOf(policy.effectiveUpdateBehavior().name()))
                .deleteBehavior(DeleteBehavior.valueOf(policy.effectiveDeleteBehavior().name()))
                .sampleFiles(
                    target.sampleSize() == null || target.sampleSize() < 1
                        ? CrawlRequest.DEFAULT_SAMPLE_FILES
                        : target.sampleSize())
                .crawlerName(definition.name())
                .build();
        CrawlResult result = crawler.crawl(request);
        // The bridge's log is where a crawl's decisions show (Glue writes them to CloudWatch).
        result.log().forEach(line -> LOG.info("Crawler {}: {}", definition.name(), line));
        LOG.info("Crawler {}: {}", definition.name(), result.summary());
        created += result.tableCreated() ? 1 : 0;
        updated += result.tableUpdated() ? 1 : 0;
        deleted +=
            result.tableGone() && request.deleteBehavior() == DeleteBehavior.DELETE_FROM_DATABASE
                ? 1
                : 0;
        partitions += result.partitionsAdded().size();
      }
    } catch (CrawlException | FileReadException | IllegalArgumentException e) {
      return io.driftway.catalogbridge.crawlers.CrawlResult.failed(e.getMessage());
    } catch (SdkException e) {
      return io.driftway.catalogbridge.crawlers.CrawlResult.failed(
          "Cannot crawl: " + e.getMessage() + ": " + definition.name());
    }
    return io.driftway.catalogbridge.crawlers.CrawlResult.succeeded(
        created, updated, deleted, partitions);
  }

  /**
   * Glue's table name for a target: prefix + last folder name, lower case, {@code _} for others.
   */
  static String tableName(String prefix, String path) {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    StringBuilder name = new StringBuilder(prefix == null ? "" : prefix);
    for (char c : last.toLowerCase(Locale.ROOT).toCharArray()) {
      name.append(Character.isLetterOrDigit(c) ? c : '_');
    }
    return name.toString();
  }
}
