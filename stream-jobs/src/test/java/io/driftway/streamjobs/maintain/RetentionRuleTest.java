package io.driftway.streamjobs.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.streamjobs.backfill.BackfillJob;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetentionRuleTest {

  private static final Schema SCHEMA =
      new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));

  private InMemoryCatalog catalog;
  private Table table;
  private int files;

  @BeforeEach
  void createTable() {
    catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("db"));
    table =
        catalog.createTable(TableIdentifier.of("db", "t"), SCHEMA, PartitionSpec.unpartitioned());
  }

  @AfterEach
  void closeCatalog() throws Exception {
    catalog.close();
  }

  @Test
  void keepsTheNewestCommitOfEachWriterAndNothingOlder() {
    long streamOld = commit(Map.of("flink.operator-id", "stream", "flink.job-id", "j1"), 1);
    long backfill = commit(Map.of("flink.operator-id", "backfill", "flink.job-id", "j2"), 2);
    long streamNew = commit(Map.of("flink.operator-id", "stream", "flink.job-id", "j3"), 3);
    commit(Map.of(), 4); // not a Flink commit: protects nothing

    RetentionRule.Floor floor = RetentionRule.of(table, RetentionRule.BookmarkState.NONE);

    assertThat(floor.kept())
        .extracting(RetentionRule.Protected::snapshotId)
        .containsExactlyInAnyOrder(streamNew, backfill)
        .doesNotContain(streamOld);
    assertThat(floor.oldest().orElseThrow().snapshotId()).isEqualTo(backfill);
  }

  @Test
  void expiresOnlyBeforeTheOldestProtectedSnapshot() {
    commit(Map.of("flink.operator-id", "stream", "flink.job-id", "j1"), 1);
    long protectedAt = table.currentSnapshot().timestampMillis();
    RetentionRule.Floor floor = RetentionRule.of(table, RetentionRule.BookmarkState.NONE);
    Instant now = Instant.ofEpochMilli(protectedAt).plus(Duration.ofDays(10));

    // By age alone everything older than 5 days would go, the writer's commit with it.
    assertThat(floor.expireOlderThan(now, Duration.ofDays(5))).isEqualTo(protectedAt);
    assertThat(floor.maxAgeForJobStartingAt(now, Duration.ofDays(5)))
        .isEqualTo(Duration.ofDays(15));
    // A young protected snapshot leaves the age limit as it is.
    Instant soon = Instant.ofEpochMilli(protectedAt).plus(Duration.ofHours(1));
    assertThat(floor.expireOlderThan(soon, Duration.ofDays(5)))
        .isEqualTo(soon.minus(Duration.ofDays(5)).toEpochMilli());
  }

  @Test
  void aFinishedBackfillRunProtectsNothing() {
    commit(
        Map.of("flink.operator-id", "backfill", "flink.job-id", "j2", BackfillJob.RUN_ID, "run-1"),
        1);

    RetentionRule.Floor floor =
        RetentionRule.of(table, new RetentionRule.BookmarkState(Set.of("run-1"), Set.of()));

    assertThat(floor.kept()).isEmpty();
    Instant now = Instant.now();
    assertThat(floor.expireOlderThan(now, Duration.ofDays(5)))
        .isEqualTo(now.minus(Duration.ofDays(5)).toEpochMilli());
  }

  @Test
  void keepsTheNewestCommitOfEveryJobAnUnfinishedBookmarkNames() {
    long firstAttempt =
        commit(
            Map.of(
                "flink.operator-id", "backfill", "flink.job-id", "a1", BackfillJob.RUN_ID, "run-2"),
            1);
    long secondAttempt =
        commit(
            Map.of(
                "flink.operator-id", "backfill", "flink.job-id", "a2", BackfillJob.RUN_ID, "run-2"),
            2);

    RetentionRule.Floor floor =
        RetentionRule.of(table, new RetentionRule.BookmarkState(Set.of(), Set.of("a1")));

    assertThat(floor.kept())
        .extracting(RetentionRule.Protected::snapshotId)
        .containsExactlyInAnyOrder(firstAttempt, secondAttempt);
  }

  @Test
  void protectsWritersOnEveryBranch() {
    commit(Map.of("flink.operator-id", "stream", "flink.job-id", "j1"), 1);
    table.manageSnapshots().createBranch("audit", table.currentSnapshot().snapshotId()).commit();
    AppendFiles onBranch = table.newAppend().toBranch("audit");
    Map<String, String> summary =
        Map.of(
            "flink.operator-id",
            "branch-writer",
            "flink.job-id",
            "b1",
            "flink.max-committed-checkpoint-id",
            "7");
    summary.forEach(onBranch::set);
    onBranch.appendFile(file(9)).commit();
    table.refresh();

    RetentionRule.Floor floor = RetentionRule.of(table, RetentionRule.BookmarkState.NONE);

    assertThat(floor.kept())
        .extracting(RetentionRule.Protected::why)
        .anySatisfy(why -> assertThat(why).contains("branch-writer").contains("branch audit"));
    // main's stream commit is also the audit branch's base: kept once.
    assertThat(floor.kept()).hasSize(2);
  }

  private long commit(Map<String, String> flink, long checkpoint) {
    AppendFiles append = table.newAppend();
    Map<String, String> summary = new HashMap<>(flink);
    if (!flink.isEmpty()) {
      summary.put("flink.max-committed-checkpoint-id", Long.toString(checkpoint));
    }
    summary.forEach(append::set);
    append.appendFile(file(checkpoint)).commit();
    table.refresh();
    return table.currentSnapshot().snapshotId();
  }

  private org.apache.iceberg.DataFile file(long n) {
    files++;
    return DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath("memory://db/t/data/f-" + n + "-" + files + ".parquet")
        .withFileSizeInBytes(100)
        .withRecordCount(1)
        .withFormat(FileFormat.PARQUET)
        .build();
  }
}
