package io.driftway.catalogbridge.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftway.catalogbridge.iceberg.IcebergMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.TableMetadata;

/**
 * Databases and their tables: location, format, partitioning, and for Iceberg tables the row and
 * file counts and sizes of the current snapshot (its summary totals), and the newest snapshot with
 * its age. Shows what the signed-in principal may read.
 */
final class TablesPage implements ConsolePage {

  /** Databases and tables shown per database; the page says when there are more. */
  static final int LIMIT = 100;

  private final ConsoleContext context;

  TablesPage(ConsoleContext context) {
    this.context = context;
  }

  @Override
  public String path() {
    return "/tables";
  }

  @Override
  public String navLabel() {
    return "Tables";
  }

  @Override
  public ConsoleResponse get(ConsoleRequest request) {
    JsonNode databases =
        request.glue("GetDatabases", ConsoleRequest.body().put("MaxResults", LIMIT));
    List<Html> sections = new ArrayList<>();
    for (JsonNode database : databases.path("DatabaseList")) {
      sections.add(database(request, database));
    }
    if (sections.isEmpty()) {
      sections.add(Html.format("<p class=\"muted\">No databases yet.</p>"));
    }
    if (databases.hasNonNull("NextToken")) {
      sections.add(Html.format("<p class=\"muted\">Showing the first {} databases.</p>", LIMIT));
    }
    return Layout.page(request, "Databases and tables", Html.join(sections));
  }

  private Html database(ConsoleRequest request, JsonNode database) {
    String name = database.path("Name").asText();
    JsonNode tables =
        request.glue(
            "GetTables", ConsoleRequest.body().put("DatabaseName", name).put("MaxResults", LIMIT));
    List<Html> rows = new ArrayList<>();
    Instant now = context.clock().instant();
    for (JsonNode table : tables.path("TableList")) {
      rows.add(row(name, table, now));
    }
    Html header =
        Html.format(
            "<h2 id=\"db-{}\">{}</h2><p class=\"muted\">{}{}</p>",
            name,
            name,
            database.path("LocationUri").asText(""),
            database.hasNonNull("Description")
                ? Html.format(" · {}", database.path("Description").asText())
                : Html.empty());
    if (rows.isEmpty()) {
      return Html.join(header, Html.format("<p class=\"muted\">No tables.</p>"));
    }
    return Html.format(
        "{}<table class=\"tables\"><thead><tr><th>Table</th><th>Format</th><th>Location</th>"
            + "<th>Partitioned by</th><th>Rows</th><th>Data files</th><th>Size</th>"
            + "<th>Newest snapshot</th><th>Age</th></tr></thead><tbody>{}</tbody></table>{}",
        header,
        Html.join(rows),
        tables.hasNonNull("NextToken")
            ? Html.format("<p class=\"muted\">Showing the first {} tables.</p>", LIMIT)
            : Html.empty());
  }

  private Html row(String database, JsonNode table, Instant now) {
    String name = table.path("Name").asText();
    JsonNode parameters = table.path("Parameters");
    Html link =
        Html.format(
            "<a href=\"{}\">{}</a>",
            Html.url("/console/timeline", Map.of("db", database, "table", name)),
            name);
    String metadataLocation = parameters.path("metadata_location").asText(null);
    if ("ICEBERG".equals(parameters.path("table_type").asText("").toUpperCase(Locale.ROOT))
        && metadataLocation != null) {
      return icebergRow(link, metadataLocation, now);
    }
    JsonNode storage = table.path("StorageDescriptor");
    List<String> keys = new ArrayList<>();
    for (JsonNode key : table.path("PartitionKeys")) {
      keys.add(key.path("Name").asText());
    }
    return Html.format(
        "<tr><td>{}</td><td>{}</td><td class=\"mono\">{}</td><td>{}</td>"
            + "<td class=\"num\"></td><td class=\"num\"></td><td class=\"num\"></td><td></td>"
            + "<td></td></tr>",
        link,
        format(parameters, storage),
        storage.path("Location").asText(""),
        String.join(", ", keys));
  }

  private Html icebergRow(Html link, String metadataLocation, Instant now) {
    Optional<TableMetadata> read;
    try {
      read = IcebergMetadata.read(context.files(), metadataLocation);
    } catch (RuntimeException e) {
      return unreadable(link, metadataLocation, "cannot read metadata: " + e.getMessage());
    }
    if (read.isEmpty()) {
      return unreadable(link, metadataLocation, "metadata file not found");
    }
    TableMetadata metadata = read.get();
    Snapshot current = metadata.currentSnapshot();
    Map<String, String> summary = current == null ? Map.of() : current.summary();
    String format =
        "Iceberg v"
            + metadata.formatVersion()
            + " · "
            + metadata.properties().getOrDefault("write.format.default", "parquet");
    return Html.format(
        "<tr><td>{}</td><td>{}</td><td class=\"mono\">{}</td><td class=\"mono\">{}</td>"
            + "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
            + "<td class=\"mono\">{}</td><td>{}</td></tr>",
        link,
        format,
        metadata.location(),
        metadata.spec().isUnpartitioned() ? "" : partitioning(metadata),
        total(summary, "total-records", false),
        total(summary, "total-data-files", false),
        total(summary, "total-files-size", true),
        current == null
            ? "no snapshot"
            : current.snapshotId()
                + " · "
                + Format.time(Instant.ofEpochMilli(current.timestampMillis())),
        current == null ? "" : Format.age(Instant.ofEpochMilli(current.timestampMillis()), now));
  }

  private static String partitioning(TableMetadata metadata) {
    List<String> fields = new ArrayList<>();
    metadata
        .spec()
        .fields()
        .forEach(
            field ->
                fields.add(
                    field.transform()
                        + "("
                        + metadata.schema().findColumnName(field.sourceId())
                        + ")"));
    return String.join(", ", fields);
  }

  private static String total(Map<String, String> summary, String key, boolean bytes) {
    String value = summary.get(key);
    if (value == null) {
      return "";
    }
    try {
      long number = Long.parseLong(value);
      return bytes ? Format.bytes(number) : Format.count(number);
    } catch (NumberFormatException e) {
      return value;
    }
  }

  private static Html unreadable(Html link, String metadataLocation, String reason) {
    return Html.format(
        "<tr><td>{}</td><td>Iceberg</td><td class=\"mono\">{}</td>"
            + "<td colspan=\"6\" class=\"error\">{}</td></tr>",
        link,
        metadataLocation,
        reason);
  }

  private static String format(JsonNode parameters, JsonNode storage) {
    String classification = parameters.path("classification").asText("");
    if (!classification.isEmpty()) {
      return classification;
    }
    String tableType = parameters.path("table_type").asText("");
    if (!tableType.isEmpty()) {
      return tableType;
    }
    String input = storage.path("InputFormat").asText("");
    int dot = input.lastIndexOf('.');
    return dot < 0 ? input : input.substring(dot + 1);
  }
}
