package io.driftway.streamjobs.backfill;

import io.driftway.connectors.files.FilePlan;
import io.driftway.connectors.files.FileSource;
import io.driftway.connectors.files.S3Access;
import io.driftway.connectors.kinesis.KinesisStartingPosition;
import io.driftway.connectors.kinesis.KinesisStopPosition;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.connectors.source.KafkaRawRecordDeserializer;
import io.driftway.connectors.source.RawRecord;
import io.driftway.connectors.tracking.TableSettings;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.graph.Sources;
import io.driftway.streamjobs.graph.WriteOptions;
import io.driftway.streamjobs.quarantine.Replays;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.SourceSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.kafka.common.TopicPartition;

/**
 * The job graph of one backfill run: a bounded source over the requested range, minus what earlier
 * runs committed (the bookmark), then the very tail the streaming pipeline uses ({@link
 * PipelineJob#write}: route, track, conform, Iceberg's dynamic sink, quarantine, alerts). The job
 * runs in streaming mode with checkpoints, so rows are committed checkpoint by checkpoint and a
 * killed run loses nothing: resumed from its checkpoint, Flink carries on exactly once; started
 * afresh, the bookmark skips what was committed.
 *
 * <p>Every snapshot the run commits carries {@value #RUN_ID}, {@value #BOOKMARK_KEY} and {@value
 * #BOOKMARK_LOG} in its summary, next to the Flink committer's job id and checkpoint id.
 *
 * <pre>{@code
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
 * BackfillJob job = BackfillJob.build(env, pipeline, BackfillSpec.builder("kafka://orders").build());
 * env.execute(job.name());
 * }</pre>
 *
 * {@link BackfillRunner} does the whole run: this, plus progress, bookmark upkeep, a summary and
 * branch publishing.
 */
public final class BackfillJob {

  /** Snapshot summary key: the backfill run that committed the snapshot. */
  public static final String RUN_ID = "driftway.backfill.run-id";

  /** Snapshot summary key: the bookmark key of the run. */
  public static final String BOOKMARK_KEY = "driftway.bookmark.key";

  /** Snapshot summary key: where the run's bookmark log lives. */
  public static final String BOOKMARK_LOG = "driftway.bookmark.log";

  private final PipelineSpec pipeline;
  private final BackfillSpec spec;
  private final BookmarkLog log;
  private final Bookmarks.Committed committed;
  private final List<TableIdentifier> tables;
  private final KafkaRange kafka;
  private final long skippedRecords;
  private final long skippedFiles;
  private final long[] fileTotals;
  private final long replayPlanned;

  private BackfillJob(
      PipelineSpec pipeline,
      BackfillSpec spec,
      BookmarkLog log,
      Bookmarks.Committed committed,
      List<TableIdentifier> tables,
      KafkaRange kafka,
      long skippedRecords,
      long skippedFiles,
      long[] fileTotals,
      long replayPlanned) {
    this.pipeline = pipeline;
    this.spec = spec;
    this.log = log;
    this.committed = committed;
    this.tables = tables;
    this.kafka = kafka;
    this.skippedRecords = skippedRecords;
    this.skippedFiles = skippedFiles;
    this.fileTotals = fileTotals;
    this.replayPlanned = replayPlanned;
  }

  /**
   * Plans the run (reads the bookmark, resolves the range) and adds its operators to {@code env}.
   *
   * @throws IllegalArgumentException when the request does not fit the pipeline, naming the value
   */
  public static BackfillJob build(
      StreamExecutionEnvironment env, PipelineSpec pipeline, BackfillSpec spec) {
    PipelineSpec effective = spec.table().map(t -> routeTo(pipeline, t)).orElse(pipeline);
    PipelineJob.validate(effective);
    Map<String, String> catalogProperties = Catalogs.properties(effective);
    BookmarkLog log = BookmarkLog.of(catalogProperties, bookmarkKey(effective, spec));
    Catalog catalog = Catalogs.loader(effective).loadCatalog();
    List<TableIdentifier> tables;
    Bookmarks.Committed committed;
    Replays.Inventory replay = null;
    long plannedAt = System.currentTimeMillis();
    try {
      tables = candidateTables(effective, catalog);
      committed =
          spec.bookmarks()
              ? Bookmarks.committed(log, catalog, tables)
              : new Bookmarks.Committed(Progress.empty(), List.of(), Set.of());
      if (spec.quarantine().isPresent()) {
        replay =
            Replays.inventory(
                effective, catalog, Replays.target(spec.source()), spec.quarantine().get());
      }
    } finally {
      closeQuietly(catalog);
    }

    PipelineJob.configure(env, effective);
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    // A bounded run that keeps failing should end FAILED (its bookmark keeps what it committed),
    // not restart for ever as an always-on pipeline would.
    Configuration restarts = new Configuration();
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
    env.configure(restarts);
    String uid = effective.name() + "-backfill";
    DataStream<RawRecord> raw;
    KafkaRange kafka = null;
    long skipped = 0;
    long skippedFiles = 0;
    long[] fileTotals = null;
    boolean fileRecords = false;
    boolean replayed = false;
    long planned = -1;
    switch (SourceRange.kindOf(spec.source())) {
      case QUARANTINE -> {
        // Planned here, from the quarantine as it is now: rows a replay quarantines again land in
        // the same table but are not part of this run.
        List<ReplayItem> items = replay.pending().stream().map(ReplayItem::of).toList();
        planned = items.size();
        skipped = replay.alreadyReplayed();
        DataStream<ReplayItem> rows =
            env.fromSource(
                    ReplaySource.of(items, spec.quarantine().get().recordsPerSecond()),
                    WatermarkStrategy.noWatermarks(),
                    "quarantine " + QuarantineTable.idFor(replay.target()))
                .uid(uid + "-source");
        raw =
            rows.process(
                    new ReplayTracker(
                        log, spec.runId(), Replays.rulesFingerprint(effective), plannedAt))
                .returns(TypeInformation.of(RawRecord.class))
                .name("replay bookmark")
                .uid(uid + "-replay-bookmark");
        replayed = true;
      }
      case KAFKA -> {
        kafka = planKafka(effective, spec, committed.progress());
        skipped = kafka.skippedByBookmark();
        raw =
            env.fromSource(
                    kafkaSource(kafka),
                    WatermarkStrategy.noWatermarks(),
                    "kafka range " + kafka.topic())
                .uid(uid + "-source");
      }
      case KINESIS -> {
        raw =
            env.fromSource(
                    kinesisSource(effective, spec),
                    WatermarkStrategy.noWatermarks(),
                    "kinesis range " + SourceRange.streamName(spec.source()))
                .uid(uid + "-source");
      }
      default -> {
        // The job's id is fixed up front: the readers' bookmark files name it, and the tables'
        // snapshots name it once the sink commits.
        String jobId = JobID.generate().toHexString();
        Configuration fixed = new Configuration();
        fixed.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, jobId);
        env.configure(fixed);
        FileSource source =
            FileSource.builder()
                .location(spec.source())
                .s3(s3Access(effective, spec.source()))
                .groupSize(new MemorySize(spec.groupSizeBytes()))
                .bookmarks(FileBookmarkWriter.bookmarks(committed.progress()))
                .progressListener(new FileBookmarkWriter(log, spec.runId(), jobId))
                .build();
        FilePlan plan = source.plan();
        fileTotals = new long[] {plan.fileCount(), plan.totalBytes()};
        skippedFiles = plan.skippedFiles();
        skipped = plan.recordsToSkip();
        raw =
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "files " + spec.source())
                .uid(uid + "-source");
        fileRecords = true;
      }
    }
    // The file source reports its own progress; streams are bookmarked by position here.
    DataStream<RawRecord> tracked =
        fileRecords || replayed
            ? raw
            : raw.process(new BookmarkTracker(log, spec.runId(), committed.progress()))
                .returns(TypeInformation.of(RawRecord.class))
                .name("bookmark")
                .uid(uid + "-bookmark");

    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(RUN_ID, spec.runId());
    properties.put(BOOKMARK_KEY, log.key());
    properties.put(BOOKMARK_LOG, log.location());
    WriteOptions options =
        WriteOptions.streaming(effective)
            .withBranch(spec.branch().orElse(WriteOptions.MAIN))
            .withSnapshotProperties(properties)
            .withUidPrefix(uid)
            .withFileRecords(fileRecords)
            .withSourceRanges(!replayed)
            .withCheckpointTables(new TablesBookmarkWriter(log, spec.runId()));
    PipelineJob.write(tracked, effective, options);
    return new BackfillJob(
        effective, spec, log, committed, tables, kafka, skipped, skippedFiles, fileTotals, planned);
  }

  /** The Flink job name of this run. */
  public String name() {
    return pipeline.name() + "-backfill-" + spec.runId();
  }

  public String runId() {
    return spec.runId();
  }

  public BackfillSpec spec() {
    return spec;
  }

  /** The pipeline as this run uses it: with {@code --table}, routed to that one table. */
  public PipelineSpec pipeline() {
    return pipeline;
  }

  public BookmarkLog bookmarkLog() {
    return log;
  }

  /** What earlier runs committed, as read when this run was planned. */
  public Bookmarks.Committed bookmark() {
    return committed;
  }

  /** Every table this run may write: the targets and their quarantine tables. */
  public List<TableIdentifier> tables() {
    return tables;
  }

  /** Records the job reads, when known before it runs (Kafka, a replay). */
  public OptionalLong totalRecords() {
    if (replayPlanned >= 0) {
      return OptionalLong.of(replayPlanned);
    }
    return kafka == null ? OptionalLong.empty() : OptionalLong.of(kafka.total());
  }

  /** Records of the requested range that the bookmark skips (known up front for Kafka). */
  public long skippedRecords() {
    return skippedRecords;
  }

  /** Files the job reads (listed, minus those the bookmark skips); empty for streams. */
  public OptionalLong totalFiles() {
    return fileTotals == null ? OptionalLong.empty() : OptionalLong.of(fileTotals[0]);
  }

  /** Bytes of {@link #totalFiles()}. */
  public OptionalLong totalBytes() {
    return fileTotals == null ? OptionalLong.empty() : OptionalLong.of(fileTotals[1]);
  }

  /** Listed files that earlier runs committed whole. */
  public long skippedFiles() {
    return skippedFiles;
  }

  /** How to reach S3 for an {@code s3://} source: the warehouse's endpoint and keys; else null. */
  static S3Access s3Access(PipelineSpec pipeline, String source) {
    if (!source.startsWith("s3://") && !source.startsWith("s3a://")) {
      return null;
    }
    var warehouse = pipeline.warehouse();
    S3Access access =
        S3Access.of(warehouse.s3Region().orElse("us-east-1"))
            .withPathStyle(warehouse.s3PathStyle());
    if (warehouse.s3Endpoint().isPresent()) {
      access = access.withEndpoint(warehouse.s3Endpoint().get());
    }
    if (warehouse.accessKeyId().isPresent() && warehouse.secretAccessKey().isPresent()) {
      access =
          access.withStaticCredentials(
              warehouse.accessKeyId().get(), warehouse.secretAccessKey().get());
    }
    return access;
  }

  /** A Kafka range's offsets, per partition: {@code [start, stop)}; empty for other sources. */
  public Optional<KafkaRange> kafkaRange() {
    return Optional.ofNullable(kafka);
  }

  /**
   * The bookmark key: the pipeline, the source and the target table. The range is not part of it,
   * so a later run over a longer range skips what an earlier, shorter one wrote.
   */
  static String bookmarkKey(PipelineSpec pipeline, BackfillSpec spec) {
    if (spec.quarantine().isPresent()) {
      return Replays.bookmarkKey(pipeline, Replays.target(spec.source()));
    }
    String identity = pipeline.name() + "|" + spec.source() + "|" + spec.table().orElse("");
    String name = pipeline.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "_");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return name + "-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KafkaRange planKafka(PipelineSpec pipeline, BackfillSpec spec, Progress done) {
    String topic = SourceRange.streamName(spec.source());
    String brokers = SourceRange.kafkaBrokers(spec.source());
    Map<String, String> properties = Map.of();
    Optional<SourceSpec.Kafka> declared =
        pipeline.sources().stream()
            .filter(SourceSpec.Kafka.class::isInstance)
            .map(SourceSpec.Kafka.class::cast)
            .findFirst();
    if (declared.isPresent()) {
      properties = declared.get().properties();
      if (brokers == null) {
        brokers = declared.get().bootstrapServers();
      }
    }
    if (brokers == null) {
      throw new IllegalArgumentException(
          "Cannot plan backfill: the pipeline has no Kafka source to take the brokers from; use"
              + " kafka://host:port/topic: "
              + spec.source());
    }
    return KafkaRange.plan(
        brokers, properties, topic, spec.from().orElse(null), spec.to().orElse(null), done);
  }

  private static KafkaSource<RawRecord> kafkaSource(KafkaRange range) {
    Map<TopicPartition, Long> start = new LinkedHashMap<>();
    Map<TopicPartition, Long> stop = new LinkedHashMap<>();
    range.start().forEach((p, o) -> start.put(new TopicPartition(range.topic(), p), o));
    range.stop().forEach((p, o) -> stop.put(new TopicPartition(range.topic(), p), o));
    KafkaSourceBuilder<RawRecord> builder =
        KafkaSource.<RawRecord>builder()
            .setBootstrapServers(range.brokers())
            .setGroupId("driftway-backfill")
            .setDeserializer(new KafkaRawRecordDeserializer());
    range.properties().forEach(builder::setProperty);
    return builder
        // The bookmark, not the consumer group, remembers what a backfill read.
        .setProperty("commit.offsets.on.checkpoint", "false")
        .setTopics(range.topic())
        .setStartingOffsets(OffsetsInitializer.offsets(start))
        .setBounded(OffsetsInitializer.offsets(stop))
        .build();
  }

  private static io.driftway.connectors.kinesis.KinesisSource<RawRecord> kinesisSource(
      PipelineSpec pipeline, BackfillSpec spec) {
    SourceSpec.Kinesis declared =
        pipeline.sources().stream()
            .filter(SourceSpec.Kinesis.class::isInstance)
            .map(SourceSpec.Kinesis.class::cast)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Cannot plan backfill: the pipeline has no Kinesis source to take the"
                            + " region and endpoint from: "
                            + spec.source()));
    KinesisStartingPosition start = KinesisStartingPosition.trimHorizon();
    if (spec.from().isPresent() && !spec.from().get().equalsIgnoreCase("trim-horizon")) {
      Instant at = SourceRange.instant(spec.from().get());
      if (at == null) {
        throw new IllegalArgumentException(
            "Cannot plan backfill: --from for Kinesis is trim-horizon or an ISO instant such as"
                + " 2026-11-01T00:00:00Z: "
                + spec.from().get());
      }
      start = KinesisStartingPosition.atTimestamp(at);
    }
    KinesisStopPosition stop = KinesisStopPosition.currentEnd();
    if (spec.to().isPresent() && !spec.to().get().equalsIgnoreCase("now")) {
      Instant at = SourceRange.instant(spec.to().get());
      if (at == null) {
        throw new IllegalArgumentException(
            "Cannot plan backfill: --to for Kinesis is now or an ISO instant such as"
                + " 2026-11-02T00:00:00Z: "
                + spec.to().get());
      }
      stop = KinesisStopPosition.atTimestamp(at);
    }
    return Sources.kinesisBuilder(declared)
        .streams(List.of(SourceRange.streamName(spec.source())))
        .startingPosition(start)
        .bounded(stop)
        .build();
  }

  /** {@code pipeline} with every record routed to {@code target} ({@code db.table} or a name). */
  static PipelineSpec routeTo(PipelineSpec pipeline, String target) {
    int dot = target.indexOf('.');
    String name = dot < 0 ? target : target.substring(dot + 1);
    String database =
        dot >= 0
            ? target.substring(0, dot)
            : pipeline.table(name).map(TableSettings::database).orElse(pipeline.defaultDatabase());
    if (name.isEmpty() || database.isEmpty() || name.contains(".")) {
      throw new IllegalArgumentException(
          "Cannot plan backfill: --table is database.table or table: " + target);
    }
    TableSettings table =
        pipeline
            .table(name)
            .map(t -> t.inDatabase(database))
            .orElse(TableSettings.defaults(database, name));
    return pipeline.routedTo(table);
  }

  /**
   * The declared tables, their quarantine tables, and every table already in their databases
   * (routing by value or source creates tables not declared).
   */
  public static List<TableIdentifier> candidateTables(PipelineSpec pipeline, Catalog catalog) {
    Set<TableIdentifier> result = new LinkedHashSet<>();
    Set<String> databases = new LinkedHashSet<>();
    for (TableSettings table : pipeline.tables()) {
      result.add(TableIdentifier.of(table.database(), table.name()));
      result.add(TableIdentifier.of(table.database(), QuarantineTable.nameFor(table.name())));
      databases.add(table.database());
    }
    if (databases.isEmpty()) {
      databases.add("driftway");
    }
    for (String database : databases) {
      // Glue's GetTables on a missing database is an error, not an empty list: ask first.
      if (catalog instanceof SupportsNamespaces namespaces
          && !namespaces.namespaceExists(Namespace.of(database))) {
        continue;
      }
      try {
        result.addAll(catalog.listTables(Namespace.of(database)));
      } catch (NoSuchNamespaceException missing) {
        // Nothing written there yet.
      }
    }
    return List.copyOf(result);
  }

  static void closeQuietly(Catalog catalog) {
    if (catalog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing a catalog client only frees connections; nothing to decide.
      }
    }
  }
}
