package io.driftway.streamjobs.crawl;

import io.driftway.catalogbridge.storage.S3Settings;
import io.driftway.schemaevolution.types.StructType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DeleteBehavior;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Infers a table from files and creates or updates it in a Glue catalog (AWS Glue or the catalog
 * bridge), as AWS Glue's crawler does for one S3 target.
 *
 * <p>What a crawl does:
 *
 * <ol>
 *   <li>Lists the location one folder level at a time. Folders named {@code key=value} are Hive
 *       partitions (a folder without {@code =} is a value of key {@code partition_<level>}); names
 *       starting with {@code _} or {@code .} are skipped, as Hive and Spark skip them.
 *   <li>On a table that exists, reads the partitions the catalog has and never lists, reads or
 *       rewrites one of them again: only the levels above the partition folders are listed, and
 *       only new partition folders are read.
 *   <li>Reads up to {@link CrawlRequest#sampleFiles()} files of the new partitions (one file of
 *       each first), decodes their records through the pipeline's decoders and joins their schemas
 *       with the pipeline's schema layer, so a column gets the type a pipeline would give it.
 *   <li>Creates the table, or moves its columns forward (new columns, legal widenings; never a
 *       dropped or narrowed column) when UpdateBehavior is {@code UPDATE_IN_DATABASE}; with {@code
 *       LOG} the differences are only reported. New partitions are always added.
 *   <li>Partitions (and the table) whose folders are gone are logged, deleted, or marked with
 *       Glue's {@code DEPRECATED_BY_CRAWLER} parameter (epoch milliseconds), by DeleteBehavior;
 *       with UPDATE_IN_DATABASE a deprecated one whose folder is back loses the marker.
 * </ol>
 *
 * <p>The steps live in their own classes: {@link FolderWalk} (listing, Hive partition folders),
 * {@link SchemaSample} (reading sample files, inferring and merging their schemas) and {@link
 * CatalogWrites} (creating and updating the table and its partitions through Glue); this class runs
 * them in order and reports the result.
 *
 * <p>Partition key types: see {@link PartitionKeyTypes} ({@code int}/{@code bigint} when every
 * value is a plain integer, else {@code string}).
 *
 * <pre>{@code
 * try (Crawler crawler = Crawler.create(glue, files)) {
 *   CrawlResult result = crawler.crawl(CrawlRequest.builder()
 *       .location("s3://lake/events/").database("raw").table("events").build());
 *   System.out.println(result.summary());
 * }
 * }</pre>
 *
 * <p>Not thread-safe per crawl target: two crawls of one table at once may both add a partition
 * (the second gets {@code AlreadyExistsException} from Glue and fails).
 */
public final class Crawler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Crawler.class);

  private final GlueClient glue;
  private final CrawlFiles files;
  private final Clock clock;

  Crawler(GlueClient glue, CrawlFiles files, Clock clock) {
    this.glue = Objects.requireNonNull(glue, "glue");
    this.files = Objects.requireNonNull(files, "files");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A crawler writing through {@code glue} and reading {@code s3://} locations with {@code s3}
   * (local folders need nothing). The Glue client stays the caller's to close.
   */
  public static Crawler create(GlueClient glue, S3Settings s3) {
    return new Crawler(glue, new DataFilesCrawlFiles(s3), Clock.systemUTC());
  }

  /**
   * Crawls one location into one table.
   *
   * @throws CrawlException when the location holds nothing to infer a table from, its folders are
   *     not a consistent Hive layout, or the catalog refuses a write
   */
  public CrawlResult crawl(CrawlRequest request) {
    List<String> log = new ArrayList<>();
    String qualified = request.database() + "." + request.table();
    return new Run(request, log, line -> note(log, qualified, line)).run();
  }

  /** Closes the file access (the Glue client belongs to the caller). */
  @Override
  public void close() {
    files.close();
  }

  private static void note(List<String> log, String qualified, String line) {
    log.add(line);
    LOG.debug("{}: {}", qualified, line);
  }

  /** One crawl: the walk, the sample and the catalog writes, in order. */
  private final class Run {
    private final CrawlRequest request;
    private final List<String> log;
    private final Consumer<String> note;
    private final FolderWalk walk;
    private final CatalogWrites catalog;

    Run(CrawlRequest request, List<String> log, Consumer<String> note) {
      this.request = request;
      this.log = log;
      this.note = note;
      this.walk = new FolderWalk(files, note);
      this.catalog = new CatalogWrites(glue, request, clock, note);
    }

    CrawlResult run() {
      catalog.ensureDatabase();
      Table existing = catalog.table();
      catalog.refuseForeign(existing);
      List<Column> existingKeys =
          existing == null || !existing.hasPartitionKeys() ? List.of() : existing.partitionKeys();
      Map<List<String>, Partition> known =
          existingKeys.isEmpty() ? Map.of() : catalog.partitions(existingKeys.size());

      List<String> rootFolders = walk.folders(request.location());
      List<CrawlFiles.Entry> rootFiles =
          rootFolders.isEmpty() ? walk.filesOf(request.location()) : List.of();
      if (rootFolders.isEmpty() && rootFiles.isEmpty()) {
        if (existing == null) {
          throw new CrawlException(
              "Cannot crawl: the location holds no files: " + request.location());
        }
        return tableGone(existing, known);
      }
      if (existing == null) {
        walk.discover(request.location(), rootFolders, rootFiles);
      } else if (existingKeys.isEmpty()) {
        if (!rootFolders.isEmpty()) {
          note.accept(
              "sub-folders of the unpartitioned table are not crawled: " + request.location());
        }
        walk.unpartitioned(request.location());
      } else {
        walk.walkKnown(request.location(), rootFolders, existingKeys, known.keySet());
      }

      SchemaSample sample = SchemaSample.read(files, request, existing, walk.newLeaves(), note);
      List<Column> keys =
          existingKeys.isEmpty() && existing == null ? walk.inferredKeys() : existingKeys;
      StructType before = existing == null ? StructType.empty() : SchemaSample.columnsOf(existing);
      StructType after = sample.schema() == null ? before : sample.evolve(before, keys, note);

      List<String> added = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      SchemaSample.diff(before, after, added, changed);

      if (existing == null && sample.schema() == null) {
        throw new CrawlException(
            "Cannot crawl: no file under the location could be read as "
                + (request.format() == null
                    ? "parquet, json, csv or avro"
                    : request.format().classification())
                + ": "
                + request.location());
      }
      CatalogWrites.TableWrite table =
          catalog.writeTable(existing, shape(sample, after, keys), added, changed);
      List<String> partitionsAdded = catalog.addPartitions(walk.newLeaves(), table.storage());
      CatalogWrites.KnownPartitions partitions = catalog.reconcile(known, walk::saw);

      CrawlResult result =
          new CrawlResult(
              request.database(),
              request.table(),
              sample.format() == null ? null : sample.format().classification(),
              table.created(),
              table.updated(),
              false,
              table.added(),
              table.changed(),
              table.notApplied(),
              partitionsAdded,
              partitions.kept(),
              partitions.deleted(),
              partitions.deprecated(),
              partitions.logged(),
              sample.files(),
              sample.records(),
              walk.foldersListed(),
              walk.objectsListed(),
              log);
      LOG.debug("Crawled {}: {}", request.location(), result.summary());
      return result;
    }

    private TableInputs.Shape shape(SchemaSample sample, StructType columns, List<Column> keys) {
      return new TableInputs.Shape(
          request.location(),
          sample.format(),
          sample.compression(),
          columns,
          keys,
          request.crawlerName(),
          sample.quoted());
    }

    /** The location holds nothing: the table and its partitions are retired by DeleteBehavior. */
    private CrawlResult tableGone(Table existing, Map<List<String>, Partition> known) {
      List<String> gone = new ArrayList<>();
      known.keySet().forEach(v -> gone.add(String.join("/", v)));
      catalog.retireTable(existing);
      boolean deleted = request.deleteBehavior() == DeleteBehavior.DELETE_FROM_DATABASE;
      String classification =
          existing.hasParameters() ? existing.parameters().get(TableInputs.CLASSIFICATION) : null;
      return new CrawlResult(
          request.database(),
          request.table(),
          classification,
          false,
          false,
          true,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          0,
          deleted ? gone : List.of(),
          List.of(),
          deleted ? List.of() : gone,
          0,
          0,
          walk.foldersListed(),
          walk.objectsListed(),
          log);
    }
  }
}
