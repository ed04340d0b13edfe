package io.driftway.streamjobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.streamjobs.audit.SourceRanges;
import io.driftway.streamjobs.audit.TableAudit;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;

/**
 * What every fault test checks after the fault: every row read back (N rows, N distinct ids, the
 * exact ids), exactly the expected quarantine rows, no data file added by two snapshots, and a
 * clean {@code driftway audit}.
 */
final class FaultChecks {

  /** One record in {@value} is malformed JSON and must land in quarantine. */
  static final int MALFORMED_EVERY = 25;

  private FaultChecks() {}

  /** Ids {@code from..to-1}: drifting JSON (a field appears halfway, then a nested one). */
  static List<byte[]> drifting(int from, int to) {
    List<byte[]> values = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String json;
      if (malformed(i)) {
        json = "{\"id\": " + i + ", \"broken\": [";
      } else if (i % 3 == 0) {
        json = "{\"id\": %d, \"kind\": \"k%d\"}".formatted(i, i % 4);
      } else if (i % 3 == 1) {
        json = "{\"id\": %d, \"kind\": \"k%d\", \"amount\": %d.25}".formatted(i, i % 4, i);
      } else {
        json =
            "{\"id\": %d, \"kind\": \"k%d\", \"amount\": %d, \"meta\": {\"src\": \"s%d\"}}"
                .formatted(i, i % 4, i, i % 7);
      }
      values.add(json.getBytes(StandardCharsets.UTF_8));
    }
    return values;
  }

  static boolean malformed(long id) {
    return id % MALFORMED_EVERY == MALFORMED_EVERY - 1;
  }

  static long good(int count) {
    return LongStream.range(0, count).filter(i -> !malformed(i)).count();
  }

  /** Job settings that restart a failed job quickly and without limit. */
  static Configuration quickRestarts() {
    Configuration config = new Configuration();
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    return config;
  }

  /** Waits until the table and its quarantine hold all {@code count} records, then checks them. */
  static void awaitExactlyOnce(
      Catalog catalog, PipelineSpec spec, TableIdentifier table, int count) {
    long good = good(count);
    long bad = count - good;
    TableIdentifier quarantine =
        TableIdentifier.of(table.namespace(), table.name() + "_quarantine");
    PipelineHarness.awaitRows(catalog, table, (int) good);
    PipelineHarness.awaitRows(catalog, quarantine, (int) bad);
    checkExactlyOnce(catalog, spec, table, count);
  }

  static void checkExactlyOnce(
      Catalog catalog, PipelineSpec spec, TableIdentifier table, int count) {
    TableIdentifier quarantine =
        TableIdentifier.of(table.namespace(), table.name() + "_quarantine");
    List<Record> rows = PipelineHarness.rows(catalog, table);
    List<Long> ids = PipelineHarness.ids(rows);
    Set<Long> expected =
        LongStream.range(0, count).filter(i -> !malformed(i)).boxed().collect(Collectors.toSet());
    assertThat(ids).as("rows").hasSize(expected.size());
    assertThat(new HashSet<>(ids)).as("distinct ids").isEqualTo(expected);

    List<Record> quarantined = PipelineHarness.rows(catalog, quarantine);
    Set<String> positions = new HashSet<>();
    for (Record row : quarantined) {
      positions.add(row.getField("source_partition") + "@" + row.getField("source_position"));
      assertThat((String) row.getField("raw_text")).contains("\"broken\": [");
    }
    assertThat(quarantined).as("quarantine rows").hasSize(count - expected.size());
    assertThat(positions).as("distinct quarantined positions").hasSize(quarantined.size());

    List<String> audit =
        TableAudit.run(
                catalog,
                table,
                SourceRanges.tableFor(spec.defaultDatabase(), spec.name()),
                spec.name())
            .lines();
    assertThat(audit).as(String.join("\n", audit)).last().isEqualTo("Result: clean");
  }
}
