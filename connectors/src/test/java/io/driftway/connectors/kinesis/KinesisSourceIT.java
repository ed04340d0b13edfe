package io.driftway.connectors.kinesis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kinesis.KinesaliteServer;
import io.driftway.testsupport.kinesis.KinesisExtension;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The Kinesis source on a real Kinesis API (kinesalite) and a real Flink cluster (MiniCluster, jobs
 * submitted through REST): every record exactly once across restores and resharding.
 */
@ExtendWith({KinesisExtension.class, FlinkExtension.class})
class KinesisSourceIT {

  private static final Duration LIMIT = Duration.ofSeconds(60);

  /** What the jobs of one test saw, in the order they saw it, as {@code shardId|payload}. */
  private static final Map<String, Queue<String>> SEEN = new ConcurrentHashMap<>();

  /** What checkpoints committed, by test and batch; see {@link CommitOnCheckpoint}. */
  private static final Map<String, Map<String, List<String>>> COMMITTED = new ConcurrentHashMap<>();

  /** Tests whose injected failure already happened. */
  private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

  private final String run = UUID.randomUUID().toString();
  private TestStreams streams;
  private final List<JobClient> jobs = new ArrayList<>();

  @BeforeEach
  void setUp(KinesaliteServer kinesis) {
    streams = new TestStreams(kinesis);
    SEEN.put(run, new ConcurrentLinkedQueue<>());
    COMMITTED.put(run, new ConcurrentHashMap<>());
  }

  @AfterEach
  void tearDown() throws Exception {
    for (JobClient job : jobs) {
      if (!job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
        job.cancel().get(30, TimeUnit.SECONDS);
      }
    }
    streams.close();
    SEEN.remove(run);
    COMMITTED.remove(run);
  }

  @Test
  void readsEveryRecordOfATwoShardStreamExactlyOnceAndEndsByItself(FlinkCluster flink)
      throws Exception {
    String stream = streams.create("bounded", 2);
    List<String> payloads = payloads("r", 500);
    streams.put(stream, payloads);

    KinesisSource<KinesisRecord> source =
        streams
            .source(stream)
            .startingPosition(KinesisStartingPosition.trimHorizon())
            .bounded(KinesisStopPosition.currentEnd())
            .build();
    List<KinesisRecord> read = new ArrayList<>();
    try (CloseableIterator<KinesisRecord> records =
        flink
            .environment(2)
            .fromSource(source, WatermarkStrategy.noWatermarks(), "kinesis")
            .executeAndCollect("kinesis-bounded")) {
      records.forEachRemaining(read::add);
    }

    assertThat(read).extracting(r -> new String(r.data(), UTF_8)).hasSameElementsAs(payloads);
    assertThat(read).hasSize(payloads.size());
    assertThat(read).extracting(KinesisRecord::stream).containsOnly(stream);
    assertThat(read).extracting(KinesisRecord::shardId).containsOnlyElementsOf(shardIds(stream));
    assertThat(read.stream().map(KinesisRecord::shardId).distinct()).hasSize(2);
    assertThat(read)
        .allSatisfy(
            r -> {
              assertThat(r.partitionKey()).isEqualTo(new String(r.data(), UTF_8));
              assertThat(r.approximateArrivalTimestamp()).isBefore(Instant.now());
            });
    // Within a shard, records come in sequence number order.
    Map<String, List<BigInteger>> byShard = new HashMap<>();
    read.forEach(
        r ->
            byShard
                .computeIfAbsent(r.shardId(), s -> new ArrayList<>())
                .add(new BigInteger(r.sequenceNumber())));
    assertThat(byShard.values()).allSatisfy(sequence -> assertThat(sequence).isSorted());
  }

  @Test
  void boundedAtATimestampReadsWhatArrivedUntilThenAndEndsByItself(FlinkCluster flink)
      throws Exception {
    String stream = streams.create("until", 2);
    List<String> before = payloads("before", 100);
    streams.put(stream, before);
    Instant cut = Instant.now();
    // Records must arrive strictly after the cut; kinesalite stamps arrivals in milliseconds.
    await().atMost(LIMIT).until(() -> Instant.now().isAfter(cut.plusMillis(5)));
    streams.put(stream, payloads("after", 100));

    KinesisSource<KinesisRecord> source =
        streams
            .source(stream)
            .startingPosition(KinesisStartingPosition.trimHorizon())
            .bounded(KinesisStopPosition.atTimestamp(cut))
            .build();
    List<String> read = new ArrayList<>();
    try (CloseableIterator<KinesisRecord> records =
        flink
            .environment(2)
            .fromSource(source, WatermarkStrategy.noWatermarks(), "kinesis")
            .executeAndCollect("kinesis-until")) {
      records.forEachRemaining(r -> read.add(new String(r.data(), UTF_8)));
    }

    assertThat(read).hasSameElementsAs(before).hasSize(before.size());
  }

  @Test
  void resumesFromASavepointRightAfterTheLastEmittedRecord(FlinkCluster flink, @TempDir Path dir)
      throws Exception {
    String stream = streams.create("savepoint", 2);
    List<String> first = payloads("a", 400);
    streams.put(stream, first);

    // Slow reads (25 records per shard and second) so the savepoint lands mid-stream.
    StreamExecutionEnvironment before = flink.environment(2);
    before.enableCheckpointing(500);
    remember(
        before,
        streams
            .source(stream)
            .startingPosition(KinesisStartingPosition.trimHorizon())
            .maxRecordsPerPoll(5)
            .pollInterval(Duration.ofMillis(200))
            .build());
    JobClient job = submit(before, "kinesis-before-savepoint");
    await().atMost(LIMIT).until(() -> SEEN.get(run).size() >= 40);
    String savepoint =
        job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
            .get(60, TimeUnit.SECONDS);
    List<String> seenBefore = List.copyOf(SEEN.get(run));
    assertThat(seenBefore).hasSizeLessThan(first.size());

    List<String> second = payloads("b", 200);
    streams.put(stream, second);
    StreamExecutionEnvironment after = restoring(flink, savepoint);
    after.enableCheckpointing(500);
    remember(
        after, streams.source(stream).startingPosition(KinesisStartingPosition.latest()).build());
    submit(after, "kinesis-after-savepoint");
    List<String> sentinels = putSentinels(stream);
    await().atMost(LIMIT).until(() -> payloadsOf(SEEN.get(run)).containsAll(sentinels));

    List<String> all = payloadsOf(SEEN.get(run));
    List<String> expected = new ArrayList<>(first);
    expected.addAll(second);
    expected.addAll(sentinels);
    assertThat(all).doesNotHaveDuplicates().hasSameElementsAs(expected);
  }

  @Test
  void recoversFromAFailureWithoutLossOrDuplicatesInCommittedOutput(FlinkCluster flink)
      throws Exception {
    String stream = streams.create("failover", 2);
    List<String> payloads = payloads("f", 400);
    streams.put(stream, payloads.subList(0, 200));

    StreamExecutionEnvironment env = flink.environment(2);
    env.enableCheckpointing(300);
    env.fromSource(
            streams
                .source(stream)
                .startingPosition(KinesisStartingPosition.trimHorizon())
                .maxRecordsPerPoll(10)
                .pollInterval(Duration.ofMillis(100))
                .build(),
            WatermarkStrategy.noWatermarks(),
            "kinesis")
        .uid("kinesis")
        .map(new FailOnceAfterACommit(run))
        .uid("fail-once")
        .map(new CommitOnCheckpoint(run))
        .uid("commit")
        .sinkTo(new DiscardingSink<>());
    submit(env, "kinesis-failover");
    // The failure needs records flowing after a completed checkpoint: send the rest only then.
    await().atMost(LIMIT).until(() -> committed().size() >= 100);
    streams.put(stream, payloads.subList(200, 400));
    List<String> sentinels = putSentinels(stream);

    await().atMost(LIMIT).until(() -> committed().containsAll(sentinels));

    assertThat(FAILED).contains(run);
    List<String> expected = new ArrayList<>(payloads);
    expected.addAll(sentinels);
    assertThat(committed()).doesNotHaveDuplicates().hasSameElementsAs(expected);
  }

  @Test
  void followsAShardSplitMidStreamReadingTheParentBeforeItsChildren(FlinkCluster flink)
      throws Exception {
    String stream = streams.create("reshard", 2);
    List<String> early = payloads("early", 200);
    streams.put(stream, early);

    StreamExecutionEnvironment env = flink.environment(2);
    env.enableCheckpointing(500);
    remember(
        env,
        streams
            .source(stream)
            .startingPosition(KinesisStartingPosition.trimHorizon())
            .maxRecordsPerPoll(5)
            .pollInterval(Duration.ofMillis(100))
            .build());
    submit(env, "kinesis-reshard");
    await().atMost(LIMIT).until(() -> SEEN.get(run).size() >= 20);

    Shard parent = streams.openShards(stream).get(0);
    streams.split(stream, parent);
    List<String> late = payloads("late", 200);
    streams.put(stream, late);
    List<String> sentinels = putSentinels(stream);
    await().atMost(LIMIT).until(() -> payloadsOf(SEEN.get(run)).containsAll(sentinels));

    List<String> seen = List.copyOf(SEEN.get(run));
    List<String> expected = new ArrayList<>(early);
    expected.addAll(late);
    expected.addAll(sentinels);
    assertThat(payloadsOf(seen)).doesNotHaveDuplicates().hasSameElementsAs(expected);

    Set<String> children =
        streams.shards(stream).stream()
            .filter(shard -> parent.shardId().equals(shard.parentShardId()))
            .map(Shard::shardId)
            .collect(Collectors.toSet());
    assertThat(children).hasSize(2);
    int lastOfParent = lastIndexOf(seen, Set.of(parent.shardId()));
    int firstOfChildren = firstIndexOf(seen, children);
    assertThat(lastOfParent).isGreaterThanOrEqualTo(0);
    assertThat(firstOfChildren).isGreaterThan(lastOfParent);
  }

  /** Source, then a map that remembers every record in {@link #SEEN}, then nothing. */
  private void remember(StreamExecutionEnvironment env, KinesisSource<KinesisRecord> source) {
    DataStream<KinesisRecord> records =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kinesis").uid("kinesis");
    records.map(new Remember(run)).uid("remember").sinkTo(new DiscardingSink<>());
  }

  private JobClient submit(StreamExecutionEnvironment env, String name) throws Exception {
    JobClient job = env.executeAsync(name);
    jobs.add(job);
    return job;
  }

  /** One last record per open shard: once all are seen, everything put before them was too. */
  private List<String> putSentinels(String stream) {
    List<String> sentinels = new ArrayList<>();
    for (Shard shard : streams.openShards(stream)) {
      String sentinel = "end-" + shard.shardId();
      streams.putInto(stream, shard, sentinel);
      sentinels.add(sentinel);
    }
    return sentinels;
  }

  private List<String> committed() {
    return COMMITTED.get(run).values().stream().flatMap(List::stream).toList();
  }

  private Set<String> shardIds(String stream) {
    return streams.shards(stream).stream().map(Shard::shardId).collect(Collectors.toSet());
  }

  private static StreamExecutionEnvironment restoring(FlinkCluster flink, String savepoint) {
    Configuration config = new Configuration();
    config.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    config.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createRemoteEnvironment(
            flink.restAddress().getHost(), flink.restAddress().getPort(), config);
    env.setParallelism(2);
    return env;
  }

  private static List<String> payloads(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
  }

  private static List<String> payloadsOf(Iterable<String> seen) {
    List<String> payloads = new ArrayList<>();
    seen.forEach(s -> payloads.add(s.substring(s.indexOf('|') + 1)));
    return payloads;
  }

  private static int lastIndexOf(List<String> seen, Set<String> shards) {
    int last = -1;
    for (int i = 0; i < seen.size(); i++) {
      if (shards.contains(shardOf(seen.get(i)))) {
        last = i;
      }
    }
    return last;
  }

  private static int firstIndexOf(List<String> seen, Set<String> shards) {
    for (int i = 0; i < seen.size(); i++) {
      if (shards.contains(shardOf(seen.get(i)))) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static String shardOf(String seen) {
    return seen.substring(0, seen.indexOf('|'));
  }

  private static String describe(KinesisRecord record) {
    return record.shardId() + "|" + new String(record.data(), UTF_8);
  }

  /** Remembers each record as it passes, in the task thread that emitted it. */
  private static final class Remember implements MapFunction<KinesisRecord, String> {
    private static final long serialVersionUID = 1L;
    private final String run;

    Remember(String run) {
      this.run = run;
    }

    @Override
    public String map(KinesisRecord record) {
      String seen = describe(record);
      SEEN.get(run).add(seen);
      return seen;
    }
  }

  /** Fails its subtask once, after some output was committed, to force a restore. */
  private static final class FailOnceAfterACommit
      implements MapFunction<KinesisRecord, KinesisRecord> {
    private static final long serialVersionUID = 1L;
    private final String run;

    FailOnceAfterACommit(String run) {
      this.run = run;
    }

    @Override
    public KinesisRecord map(KinesisRecord record) {
      Map<String, List<String>> committed = COMMITTED.get(run);
      int count = committed.values().stream().mapToInt(List::size).sum();
      if (count >= 100 && FAILED.add(run)) {
        throw new IllegalStateException("Injected failure after " + count + " committed records");
      }
      return record;
    }
  }

  /**
   * An exactly-once output for tests: records wait in Flink state and are published to {@link
   * #COMMITTED} only when their checkpoint completes, under a batch id, so publishing twice (after
   * a restore) changes nothing. Records after the last completed checkpoint are dropped on failure
   * and come again from the source.
   */
  private static final class CommitOnCheckpoint extends RichMapFunction<KinesisRecord, String>
      implements CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    private final String run;
    private transient List<String> pending;
    private transient TreeMap<Long, List<String>> staged;
    private transient ListState<String> state;

    CommitOnCheckpoint(String run) {
      this.run = run;
    }

    @Override
    public void open(OpenContext context) {}

    @Override
    public String map(KinesisRecord record) {
      String seen = describe(record);
      pending.add(seen.substring(seen.indexOf('|') + 1));
      return seen;
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
