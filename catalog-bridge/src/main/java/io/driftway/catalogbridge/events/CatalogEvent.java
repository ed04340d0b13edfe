package io.driftway.catalogbridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A change in the catalog, shaped like the events AWS Glue sends to EventBridge: table creation and
 * deletion are {@code Glue Data Catalog Database State Change} events (listing the changed tables),
 * table updates and partition changes are {@code Glue Data Catalog Table State Change} events
 * (listing the changed partitions as {@code "[v1, v2]"}).
 *
 * @param typeOfChange the Glue operation, e.g. {@code UpdateTable}, {@code BatchCreatePartition}
 * @param changedTables for database state changes; empty otherwise
 * @param tableName for table state changes; null otherwise
 * @param changedPartitions for partition changes; empty otherwise
 * @param principal who made the change
 */
public record CatalogEvent(
    String id,
    Instant time,
    Kind kind,
    String typeOfChange,
    String databaseName,
    List<String> changedTables,
    String tableName,
    List<String> changedPartitions,
    String principal) {

  /** The EventBridge {@code detail-type}. */
  public enum Kind {
    DATABASE_STATE_CHANGE("Glue Data Catalog Database State Change"),
    TABLE_STATE_CHANGE("Glue Data Catalog Table State Change");

    private final String detailType;

    Kind(String detailType) {
      this.detailType = detailType;
    }

    public String detailType() {
      return detailType;
    }
  }

  public CatalogEvent {
    changedTables = List.copyOf(changedTables);
    changedPartitions = List.copyOf(changedPartitions);
  }

  /** A database-level change: databases themselves, or tables created or deleted in one. */
  public static CatalogEvent databaseChange(
      String typeOfChange, String databaseName, List<String> tables, String principal) {
    return new CatalogEvent(
        UUID.randomUUID().toString(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Kind.DATABASE_STATE_CHANGE,
        typeOfChange,
        databaseName,
        tables,
        null,
        List.of(),
        principal);
  }

  /** A table-level change: the table updated, or partitions created, updated or deleted. */
  public static CatalogEvent tableChange(
      String typeOfChange,
      String databaseName,
      String tableName,
      List<List<String>> partitions,
      String principal) {
    return new CatalogEvent(
        UUID.randomUUID().toString(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Kind.TABLE_STATE_CHANGE,
        typeOfChange,
        databaseName,
        List.of(),
        tableName,
        partitions.stream().map(values -> "[" + String.join(", ", values) + "]").toList(),
        principal);
  }

  /** The event as EventBridge would deliver it from account {@code account} in {@code region}. */
  public JsonNode toEventBridgeJson(String account, String region) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode event = json.objectNode();
    event.put("version", "0");
    event.put("id", id);
    event.put("detail-type", kind.detailType());
    event.put("source", "aws.glue");
    event.put("account", account);
    event.put("time", time.toString());
    event.put("region", region);
    ArrayNode resources = event.putArray("resources");
    ObjectNode detail = event.putObject("detail");
    detail.put("databaseName", databaseName);
    detail.put("typeOfChange", typeOfChange);
    String arnPrefix = "arn:aws:glue:" + region + ":" + account + ":";
    if (kind == Kind.DATABASE_STATE_CHANGE) {
      ArrayNode tables = detail.putArray("changedTables");
      changedTables.forEach(tables::add);
      if (changedTables.isEmpty()) {
        resources.add(arnPrefix + "database/" + databaseName);
      }
      changedTables.forEach(
          table -> resources.add(arnPrefix + "table/" + databaseName + "/" + table));
    } else {
      detail.put("tableName", tableName);
      ArrayNode partitions = detail.putArray("changedPartitions");
      changedPartitions.forEach(partitions::add);
      resources.add(arnPrefix + "table/" + databaseName + "/" + tableName);
    }
    return event;
  }
}
