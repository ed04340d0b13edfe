package io.driftway.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.format.RecordDecoder;
import io.driftway.connectors.source.RawRecord;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bounded file source on a real S3 API (S3Proxy) and a real Flink cluster (MiniCluster, jobs
 * submitted through REST): every record once, partition values on each, and a failure mid-file
 * recovered from a checkpoint without loss or duplicates.
 */
@ExtendWith({S3Extension.class, FlinkExtension.class})
class FileSourceIT {

  private static final Map<String, Map<String, List<String>>> COMMITTED = new ConcurrentHashMap<>();
  private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();
  private static final Map<String, Queue<FileProgress>> PROGRESS = new ConcurrentHashMap<>();

  private static final String[] EXTENSIONS = {"json", "json.gz", "csv", "avro", "parquet"};

  @TempDir Path dir;

  @Test
  void readsHundredsOfFilesInSeveralFormatsAndPartitionsExactlyOnce(
      S3ProxyServer server, FlinkCluster flink) throws Exception {
    S3Access access = access(server);
    String bucket = "files-" + UUID.randomUUID();
    List<String> expected = new ArrayList<>();
    try (S3Client s3 = access.createClient()) {
      s3.createBucket(b -> b.bucket(bucket));
      for (int i = 0; i < 300; i++) {
        String extension = EXTENSIONS[i % EXTENSIONS.length];
        String day = "2026-01-0" + (i % 3 + 1);
        String kind = extension.replace(".gz", "gz");
        Path local = TestFiles.write(dir.resolve(i + "." + extension), i * 5L + 1, 5);
        put(
            s3,
            bucket,
            "events/dt=" + day + "/kind=" + kind + "/part-" + i + "." + extension,
            local);
        for (long id = i * 5L + 1; id <= i * 5L + 5; id++) {
          expected.add(id + "|" + day + "|" + kind);
        }
      }
      s3.putObject(b -> b.bucket(bucket).key("events/_SUCCESS"), RequestBody.fromString(""));
    }
    FileSource source =
        FileSource.builder()
            .location("s3://" + bucket + "/events/")
            .s3(access)
            .groupSize(MemorySize.parse("16kb"))
            .build();

    FilePlan plan = source.plan();
    StreamExecutionEnvironment env = flink.environment(2);
    List<String> seen = new ArrayList<>();
    try (CloseableIterator<String> rows =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "files")
            .map(new Describe())
            .executeAndCollect("files-bounded")) {
      rows.forEachRemaining(seen::add);
    }

    assertThat(plan.fileCount()).isEqualTo(300);
    assertThat(plan.splits().size()).isGreaterThan(2);
    assertThat(seen).hasSize(1_500).doesNotHaveDuplicates().hasSameElementsAs(expected);
  }

  @Test
  void recoversFromAFailureMidFileWithoutLossOrDuplicates(S3ProxyServer server, FlinkCluster flink)
      throws Exception {
    String run = UUID.randomUUID().toString();
    COMMITTED.put(run, new ConcurrentHashMap<>());
    PROGRESS.put(run, new ConcurrentLinkedQueue<>());
    S3Access access = access(server);
    String bucket = "files-" + UUID.randomUUID();
    List<String> expected = new ArrayList<>();
    try (S3Client s3 = access.createClient()) {
      s3.createBucket(b -> b.bucket(bucket));
      for (int i = 0; i < 40; i++) {
        String extension = i % 4 == 3 ? "parquet" : "json";
        Path local = TestFiles.write(dir.resolve(i + "." + extension), i * 500L + 1, 500);
        put(s3, bucket, "in/dt=2026-02-01/part-" + i + "." + extension, local);
        for (long id = i * 500L + 1; id <= i * 500L + 500; id++) {
          expected.add(id + "|2026-02-01|null");
        }
      }
    }
    FileSource source =
        FileSource.builder()
            .location("s3://" + bucket + "/in")
            .s3(access)
            .groupSize(MemorySize.parse("64kb"))
            .progressListener(new Remember(run))
            .build();

    StreamExecutionEnvironment env = flink.environment(2);
    env.enableCheckpointing(100);
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "files")
        .uid("files")
        .map(new FailOnceAfterACheckpoint(run))
        .uid("fail-once")
        .map(new CommitOnCheckpoint(run))
        .uid("commit")
        .sinkTo(new DiscardingSink<>());
    env.execute("files-failover");

    assertThat(FAILED).contains(run);
    List<String> committed = COMMITTED.get(run).values().stream().flatMap(List::stream).toList();
    assertThat(committed).hasSize(20_000).doesNotHaveDuplicates().hasSameElementsAs(expected);
    List<FileProgress> reported = List.copyOf(PROGRESS.get(run));
    assertThat(reported).isNotEmpty();
    assertThat(reported.stream().filter(FileProgress::finished))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.records()).isEqualTo(500));
    assertThat(reported).allSatisfy(p -> assertThat(p.records()).isBetween(0L, 500L));
    // The final checkpoint, taken after the readers ended, reports the last files too.
    assertThat(reported.stream().filter(FileProgress::finished).map(FileProgress::location))
        .containsAll(source.plan().files().stream().map(InputFile::location).toList());
  }

  private static S3Access access(S3ProxyServer server) {
    return S3Access.of(server.region())
        .withEndpoint(server.endpoint())
        .withPathStyle(true)
        .withStaticCredentials(server.accessKey(), server.secretKey());
  }

  private static void put(S3Client s3, String bucket, String key, Path file) throws Exception {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(Files.readAllBytes(file)));
  }

  /** Decodes a record as a pipeline would: {@code id|dt|kind}. */
  private static final class Describe extends RichMapFunction<RawRecord, String> {
    private static final long serialVersionUID = 1L;
    private transient RecordDecoder decoder;

    @Override
    public void open(OpenContext context) {
      decoder = RecordDecoder.create(FormatSettings.files());
    }

    @Override
    public String map(RawRecord raw) {
      DynamicRecord record = decoder.decode(raw, InferenceOptions.defaults());
      return record.values().get("id")
          + "|"
          + record.values().get("dt")
          + "|"
          + record.values().get("kind");
    }
  }

  /** Collects what the source reports at checkpoints. */
  private static final class Remember implements ProgressListener {
    private static final long serialVersionUID = 1L;
    private final String run;

    Remember(String run) {
      this.run = run;
    }

    @Override
    public void onCheckpoint(long checkpointId, int subtask, List<FileProgress> progress) {
      PROGRESS.get(run).addAll(progress);
    }
  }

  /**
   * Throws once, after a checkpoint completed and while records still flow, so the job restarts
   * from that checkpoint; slowed down a little per record so that the read spans checkpoints.
   */
  private static final class FailOnceAfterACheckpoint extends RichMapFunction<RawRecord, RawRecord>
      implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    private final String run;
    private transient boolean checkpointed;
    private transient long count;

    FailOnceAfterACheckpoint(String run) {
      this.run = run;
    }

    @Override
    public RawRecord map(RawRecord raw) {
      LockSupport.parkNanos(100_000);
      count++;
      if (checkpointed && count > 1_000 && FAILED.add(run)) {
        throw new IllegalStateException("Injected failure after " + count + " records");
      }
      return raw;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      checkpointed = true;
    }
  }

  /**
   * An exactly-once output for tests: decoded records wait in Flink state and are published to
   * {@link #COMMITTED} under a batch id only when their checkpoint completes.
   */
  private static final class CommitOnCheckpoint extends RichMapFunction<RawRecord, String>
      implements CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    private final String run;
    private transient RecordDecoder decoder;
    private transient List<String> pending;
    private transient TreeMap<Long, List<String>> staged;
    private transient ListState<String> state;

    CommitOnCheckpoint(String run) {
      this.run = run;
    }

    @Override
    public void open(OpenContext context) {
      decoder = RecordDecoder.create(FormatSettings.files());
    }

    @Override
    public String map(RawRecord raw) {
      DynamicRecord record = decoder.decode(raw, InferenceOptions.defaults());
      String row =
          record.values().get("id")
              + "|"
              + record.values().get("dt")
              + "|"
              + record.values().get("kind");
      pending.add(row);
      return row;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
      List<String> batch = new ArrayList<>();
      batch.add(UUID.randomUUID().toString());
      batch.addAll(pending);
      pending.clear();
      staged.put(context.getCheckpointId(), batch);
      List<String> lines = new ArrayList<>();
      staged.forEach((id, b) -> lines.add(String.join("\t", b)));
      state.update(lines);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
      state =
          context
              .getOperatorStateStore()
              .getListState(new ListStateDescriptor<>("staged", String.class));
      pending = new ArrayList<>();
      staged = new TreeMap<>();
      // A restored checkpoint is complete by definition: publish what it staged.
      for (String line : state.get()) {
        publish(List.of(line.split("\t", -1)));
      }
      state.clear();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      Map<Long, List<String>> done = staged.headMap(checkpointId, true);
      done.values().forEach(this::publish);
      done.clear();
    }

    private void publish(List<String> batch) {
      COMMITTED.get(run).putIfAbsent(batch.get(0), List.copyOf(batch.subList(1, batch.size())));
    }
  }
}
