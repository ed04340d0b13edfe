package io.driftway.streamjobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftway.connectors.quarantine.QuarantineTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * What the demo ended with: the tables, their schema history, the counts, and the alerts.
 *
 * @param quarantineReasons one line per quarantined record: stage and reason
 * @param alerts the schema-change alerts, in the order they were detected
 */
public record DemoResult(
    String table,
    String schema,
    int schemaVersions,
    String partitionSpec,
    long rows,
    long dataFiles,
    long rescuedRows,
    long quarantinedRows,
    List<String> quarantineReasons,
    List<JsonNode> alerts) {

  static DemoResult of(Table events, Table quarantine, long rescued, List<JsonNode> alerts) {
    Map<String, String> summary = events.currentSnapshot().summary();
    List<String> reasons = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(quarantine).build()) {
      for (Record row : rows) {
        reasons.add(row.getField("stage") + ": " + row.getField("reason"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read quarantine table: " + quarantine.name(), e);
    }
    return new DemoResult(
        events.name(),
        DemoRunner.columns(events.schema().asStruct()),
        events.schemas().size(),
        events.spec().toString().replace('\n', ' '),
        Long.parseLong(summary.getOrDefault("total-records", "0")),
        Long.parseLong(summary.getOrDefault("total-data-files", "0")),
        rescued,
        reasons.size(),
        List.copyOf(reasons),
        List.copyOf(alerts));
  }

  /** The report the demo prints. */
  void print(PrintWriter out) {
    out.println();
    out.println("== Tables");
    out.printf(
        "  %s: %d rows in %d Parquet data files, %d rows with rescued data%n",
        table, rows, dataFiles, rescuedRows);
    out.printf("  %s: %d rows%n", QuarantineTable.nameFor(table), quarantinedRows);
    out.println();
    out.printf(
        "== Schema of %s now (%d schema versions, partitioned %s)%n",
        table, schemaVersions, partitionSpec);
    out.print(schema);
    out.println();
    out.println("== Schema history (one alert per schema change, deduplicated across subtasks)");
    for (JsonNode alert : alerts) {
      out.printf(
          "  %s  schema %s -> %s, first seen at %s%n",
          alert.get("detected_at").asText(),
          alert.get("schema_id_before").asText(),
          alert.get("schema_id_after").asText(),
          alert.get("first_seen_at").asText());
      for (JsonNode change : alert.get("changes")) {
        out.printf(
            "      %-14s %-22s %s -> %s   (%s)%n",
            change.get("kind").asText(),
            change.get("path").asText(),
            change.get("from").isNull() ? "-" : change.get("from").asText(),
            change.get("to").isNull() ? "-" : change.get("to").asText(),
            change.get("policy").asText());
      }
    }
    out.println();
    out.println("== Quarantined records (raw bytes kept in the quarantine table)");
    for (String reason : quarantineReasons) {
      out.println("  " + reason);
    }
    out.println();
    out.printf(
        "== Alerts: %d delivered to Kafka topic driftway-schema-changes (also possible: webhook, log)%n",
        alerts.size());
  }
}
