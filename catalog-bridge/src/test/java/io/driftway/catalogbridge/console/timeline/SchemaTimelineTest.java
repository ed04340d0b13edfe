package io.driftway.catalogbridge.console.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class SchemaTimelineTest {

  private static final Schema FIRST =
      new Schema(
          Types.NestedField.required(1, "id", Types.IntegerType.get()),
          Types.NestedField.optional(
              2,
              "device",
              Types.StructType.of(Types.NestedField.optional(3, "os", Types.StringType.get()))));

  private static final Schema SECOND =
      new Schema(
          Types.NestedField.optional(1, "id", Types.LongType.get()),
          Types.NestedField.optional(
              2,
              "device",
              Types.StructType.of(
                  Types.NestedField.optional(3, "os", Types.StringType.get()),
                  Types.NestedField.optional(4, "version", Types.StringType.get()),
                  Types.NestedField.optional(
                      5,
                      "_extra_keys",
                      Types.MapType.ofOptional(
                          6, 7, Types.StringType.get(), Types.StringType.get())))),
          Types.NestedField.optional(
              8,
              "tags",
              Types.ListType.ofOptional(
                  9,
                  Types.StructType.of(
                      Types.NestedField.optional(10, "k", Types.StringType.get())))));

  private static TableMetadata twoVersions() {
    TableMetadata first =
        TableMetadata.newTableMetadata(
            FIRST,
            PartitionSpec.unpartitioned(),
            SortOrder.unsorted(),
            "file:/tmp/t",
            java.util.Map.of());
    return TableMetadata.buildFrom(first).setCurrentSchema(SECOND, 10).build();
  }

  @Test
  void computesTheChangesOfEachVersionFromTheSchemas() {
    SchemaTimeline timeline = SchemaTimeline.of(twoVersions(), List.of());

    assertThat(timeline.versions())
        .extracting(SchemaTimeline.Version::schemaId)
        .containsExactly(0, 1);
    assertThat(timeline.versions().get(0).changes()).isEmpty();
    assertThat(timeline.versions().get(1).current()).isTrue();
    assertThat(timeline.versions().get(1).changes())
        .extracting(Object::toString)
        .containsExactly(
            "WIDEN /id: int -> long",
            "MAKE_OPTIONAL /id: int -> long",
            "ADD_COLUMN /device/version: string",
            "OVERFLOW_TO_MAP /device/_extra_keys: map<string, string>",
            "ADD_COLUMN /tags: list<struct<10: k: optional string>>");
  }

  @Test
  void annotatesChangesWithTheAlertOfTheirVersionAndListsItsDecisions() throws Exception {
    JsonNode alert =
        new ObjectMapper()
            .readTree(
                """
                {"alert_id": "demo.events@1", "type": "schema_change", "pipeline": "demo",
                 "database": "demo", "table": "events", "schema_id_before": 0, "schema_id_after": 1,
                 "changes": [
                   {"kind": "ADD_COLUMN", "path": "/device/version", "from": null, "to": "string",
                    "policy": "new-fields=evolve"},
                   {"kind": "RESOLVE_CHOICE", "path": "/amount", "from": "choice<double, string>",
                    "to": "string", "policy": "type-conflicts=widen"}],
                 "first_seen_at": "kafka:demo-events/1@25", "detected_at": "2026-12-06T10:00:00Z"}
                """);
    JsonNode otherVersion =
        new ObjectMapper().readTree("{\"type\": \"schema_change\", \"schema_id_after\": 7}");

    SchemaTimeline.Version second =
        SchemaTimeline.of(twoVersions(), List.of(otherVersion, alert)).versions().get(1);

    assertThat(second.pipeline()).isEqualTo("demo");
    assertThat(second.firstUsed()).hasToString("2026-12-06T10:00:00Z");
    assertThat(second.changes())
        .filteredOn(c -> c.policy() != null)
        .extracting(
            c ->
                c.kind()
                    + " "
                    + c.path()
                    + " "
                    + c.policy()
                    + " "
                    + c.firstSeen()
                    + " "
                    + c.fromAlert())
        .containsExactly(
            "ADD_COLUMN /device/version new-fields=evolve kafka:demo-events/1@25 false",
            "RESOLVE_CHOICE /amount type-conflicts=widen kafka:demo-events/1@25 true");
  }

  @Test
  void anAlertNamingAPipelineFingerprintAnnotatesTheVersionItSharesChangesWith() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode creation =
        json.readTree(
            """
            {"type": "schema_change", "schema_id_after": "63a9642aef81",
             "changes": [{"kind": "ADD_COLUMN", "path": "/id", "policy": "new-fields=evolve"}],
             "first_seen_at": "kafka:t/0@0", "detected_at": "2026-12-06T09:00:00Z"}
            """);
    JsonNode choiceOnly =
        json.readTree(
            """
            {"type": "schema_change", "schema_id_after": "300d8bd9c243/3af7d53b37ce",
             "changes": [{"kind": "RESOLVE_CHOICE", "path": "/amount", "policy": "x"}],
             "first_seen_at": "kafka:t/0@9", "detected_at": "2026-12-06T09:30:00Z"}
            """);
    JsonNode version =
        json.readTree(
            """
            {"type": "schema_change", "schema_id_after": "a5b3e7adc54e", "pipeline": "demo",
             "changes": [
               {"kind": "ADD_COLUMN", "path": "/device/version", "policy": "new-fields=evolve"},
               {"kind": "ADD_COLUMN", "path": "/tags", "policy": "new-fields=evolve"}],
             "first_seen_at": "kafka:t/0@12", "detected_at": "2026-12-06T10:00:00Z"}
            """);

    SchemaTimeline timeline =
        SchemaTimeline.of(twoVersions(), List.of(version, choiceOnly, creation));

    assertThat(timeline.versions().get(0).changes()).isEmpty();
    assertThat(timeline.versions().get(1).changes())
        .filteredOn(c -> c.policy() != null)
        .extracting(c -> c.kind() + " " + c.path() + " " + c.policy() + " " + c.firstSeen())
        .containsExactly(
            "ADD_COLUMN /device/version new-fields=evolve kafka:t/0@12",
            "ADD_COLUMN /tags new-fields=evolve kafka:t/0@12");
    assertThat(timeline.versions().get(1).pipeline()).isEqualTo("demo");
  }

  @Test
  void diffsTwoVersionsSideBySideByFieldId() {
    SchemaDiff diff = SchemaDiff.of(FIRST, SECOND);

    assertThat(diff.rows())
        .extracting(
            r -> r.status() + " " + r.leftType() + " | " + r.rightPath() + " " + r.rightType())
        .startsWith(
            "CHANGED int not null | /id long",
            "SAME struct | /device struct",
            "SAME string | /device/os string",
            "ADDED null | /device/version string");
  }
}
