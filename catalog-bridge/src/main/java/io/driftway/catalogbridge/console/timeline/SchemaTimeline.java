package io.driftway.catalogbridge.console.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.types.FieldPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * A table's schema versions, oldest first, each with the changes that made it.
 *
 * <p>The changes come from the schemas themselves (by Iceberg field id), so every table has a
 * timeline, whoever wrote it: a new field id is {@code ADD_COLUMN} ({@code OVERFLOW_TO_MAP} when it
 * is the explosion guard's {@code _extra_keys} map inside a struct that was there before), a
 * primitive type Iceberg may promote to is {@code WIDEN}, required to optional is {@code
 * MAKE_OPTIONAL}, a new name is {@code RENAME}, a field id that is gone is {@code DROP_COLUMN}.
 * Where a pipeline sent its schema-change alert for the version, the alert's policy, detection time
 * and first-seen coordinates annotate the change of the same kind and path, and the alert's
 * decisions that move no schema ({@code RESOLVE_CHOICE}, {@code RESCUE_FIELD}) are listed with the
 * version.
 *
 * <pre>{@code
 * SchemaTimeline timeline = SchemaTimeline.of(metadata, storedAlerts);
 * for (SchemaTimeline.Version version : timeline.versions()) {
 *   version.changes().forEach(change -> System.out.println(version.schemaId() + " " + change));
 * }
 * }</pre>
 */
public final class SchemaTimeline {

  /**
   * One change of a version.
   *
   * @param kind {@code ADD_COLUMN}, {@code WIDEN}, {@code MAKE_OPTIONAL}, {@code OVERFLOW_TO_MAP},
   *     {@code RENAME}, {@code DROP_COLUMN}, {@code TYPE_CHANGE}, or an alert's decision kind
   * @param path a JSON pointer into the table schema, e.g. {@code /device/version}
   * @param from the type before, or null
   * @param to the type after, or null
   * @param policy the policy that decided, from the alert, or null
   * @param firstSeen where the drift was first seen, from the alert, or null
   * @param fromAlert true when only the alert names this decision (the schema did not move for it)
   */
  public record Change(
      String kind,
      String path,
      String from,
      String to,
      String policy,
      String firstSeen,
      boolean fromAlert) {

    @Override
    public String toString() {
      return kind
          + " "
          + path
          + ": "
          + (from == null ? "" : from + " -> ")
          + Objects.toString(to, "")
          + (policy == null ? "" : " (" + policy + ")");
    }
  }

  /**
   * One schema version.
   *
   * @param schemaId Iceberg's schema id
   * @param schema the schema
   * @param current true for the table's current schema
   * @param firstUsed when the first snapshot written with this schema was committed, or the alert's
   *     detection time, or null when neither is known
   * @param pipeline the pipeline whose alert announced the version, or null
   * @param changes what changed from the previous version (empty for the first)
   */
  public record Version(
      int schemaId,
      Schema schema,
      boolean current,
      Instant firstUsed,
      String pipeline,
      List<Change> changes) {

    public Version {
      changes = List.copyOf(changes);
    }
  }

  private final List<Version> versions;

  private SchemaTimeline(List<Version> versions) {
    this.versions = List.copyOf(versions);
  }

  /** The versions oldest first. */
  public List<Version> versions() {
    return versions;
  }

  /** The version with {@code schemaId}, if the table has it. */
  public Optional<Version> version(int schemaId) {
    return versions.stream().filter(v -> v.schemaId() == schemaId).findFirst();
  }

  /**
   * The timeline of {@code metadata}, annotated with {@code alerts}: schema-change alerts as the
   * pipelines sent them ({@code {"type": "schema_change", "schema_id_after": "a5b3e7adc54e",
   * "changes": [...], "first_seen_at": ..., "detected_at": ...}}). An alert whose {@code
   * schema_id_after} is a number annotates the Iceberg schema of that id; Driftway's pipelines send
   * their own schema fingerprint there instead, so such an alert annotates the version it shares
   * the most changes with (same kind and path), each alert at most one version. Other alerts, and
   * alerts that fit no version, are ignored.
   */
  public static SchemaTimeline of(TableMetadata metadata, List<JsonNode> alerts) {
    Map<Integer, Instant> firstUsed = new LinkedHashMap<>();
    for (Snapshot snapshot : metadata.snapshots()) {
      if (snapshot.schemaId() != null) {
        Instant at = Instant.ofEpochMilli(snapshot.timestampMillis());
        firstUsed.merge(snapshot.schemaId(), at, (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    Map<Integer, JsonNode> alertByVersion = new LinkedHashMap<>();
    List<JsonNode> unplaced = new ArrayList<>();
    for (JsonNode alert : alerts) {
      if (!"schema_change".equals(alert.path("type").asText())) {
        continue;
      }
      if (alert.path("schema_id_after").isInt()) {
        alertByVersion.putIfAbsent(alert.path("schema_id_after").asInt(), alert);
      } else {
        unplaced.add(alert);
      }
    }
    // Oldest first, so of two alerts that fit a version equally the earlier one annotates it.
    unplaced.sort(Comparator.comparing(a -> a.path("detected_at").asText("")));
    List<Schema> schemas = new ArrayList<>(metadata.schemas());
    schemas.sort(Comparator.comparingInt(Schema::schemaId));
    List<Version> versions = new ArrayList<>();
    Schema previous = null;
    for (Schema schema : schemas) {
      List<Change> changes =
          previous == null ? new ArrayList<>() : new ArrayList<>(changes(previous, schema));
      JsonNode alert = alertByVersion.get(schema.schemaId());
      if (alert == null && !changes.isEmpty()) {
        alert = bestMatch(changes, unplaced);
        if (alert != null) {
          unplaced.remove(alert);
        }
      }
      Instant when = firstUsed.get(schema.schemaId());
      String pipeline = null;
      if (alert != null) {
        changes = annotate(changes, alert);
        pipeline = textOrNull(alert.path("pipeline"));
        if (when == null) {
          when = instantOrNull(alert.path("detected_at").asText(null));
        }
      }
      versions.add(
          new Version(
              schema.schemaId(),
              schema,
              schema.schemaId() == metadata.currentSchemaId(),
              when,
              pipeline,
              changes));
      previous = schema;
    }
    return new SchemaTimeline(versions);
  }

  /** The changes that turn {@code before} into {@code after}, by field id. */
  static List<Change> changes(Schema before, Schema after) {
    Map<Integer, Field> old = Field.index(before);
    Map<Integer, Field> now = Field.index(after);
    List<Change> changes = new ArrayList<>();
    for (Field field : now.values()) {
      Field was = old.get(field.id());
      if (was == null) {
        if (field.parentId() != null && !old.containsKey(field.parentId())) {
          continue; // inside a field that is new itself: its ADD_COLUMN carries the whole type
        }
        boolean overflow =
            field.name().equals(Limits.OVERFLOW_FIELD)
                && field.type().isMapType()
                && field.parentId() != null;
        changes.add(
            change(overflow ? "OVERFLOW_TO_MAP" : "ADD_COLUMN", field.path(), null, field.type()));
        continue;
      }
      if (!was.path().equals(field.path())) {
        changes.add(
            new Change("RENAME", field.path(), was.path(), field.path(), null, null, false));
      }
      if (was.type().isPrimitiveType()
          && field.type().isPrimitiveType()
          && !was.type().equals(field.type())) {
        boolean widen = TypeUtil.isPromotionAllowed(was.type(), field.type().asPrimitiveType());
        changes.add(
            change(widen ? "WIDEN" : "TYPE_CHANGE", field.path(), was.type(), field.type()));
      }
      if (was.required() && !field.required()) {
        changes.add(change("MAKE_OPTIONAL", field.path(), was.type(), field.type()));
      }
    }
    for (Field was : old.values()) {
      if (!now.containsKey(was.id())
          && (was.parentId() == null || now.containsKey(was.parentId()))) {
        changes.add(change("DROP_COLUMN", was.path(), was.type(), null));
      }
    }
    return changes;
  }

  private static Change change(String kind, String path, Type from, Type to) {
    return new Change(
        kind,
        path,
        from == null ? null : from.toString(),
        to == null ? null : to.toString(),
        null,
        null,
        false);
  }

  /**
   * Of the alerts not tied to a schema id, the one sharing the most changes (same kind and path)
   * with {@code computed}, or null when none shares any.
   */
  private static JsonNode bestMatch(List<Change> computed, List<JsonNode> candidates) {
    JsonNode best = null;
    int bestShared = 0;
    for (JsonNode alert : candidates) {
      int shared = 0;
      for (JsonNode change : alert.path("changes")) {
        for (Change mine : computed) {
          if (mine.kind().equals(change.path("kind").asText())
              && mine.path().equals(change.path("path").asText())) {
            shared++;
            break;
          }
        }
      }
      if (shared > bestShared) {
        best = alert;
        bestShared = shared;
      }
    }
    return best;
  }

  private static List<Change> annotate(List<Change> computed, JsonNode alert) {
    String firstSeen = textOrNull(alert.path("first_seen_at"));
    List<Change> result = new ArrayList<>();
    List<JsonNode> unmatched = new ArrayList<>();
    alert.path("changes").forEach(unmatched::add);
    for (Change change : computed) {
      JsonNode match = null;
      for (JsonNode candidate : unmatched) {
        if (candidate.path("kind").asText().equals(change.kind())
            && candidate.path("path").asText().equals(change.path())) {
          match = candidate;
          break;
        }
      }
      if (match == null) {
        result.add(change);
      } else {
        unmatched.remove(match);
        result.add(
            new Change(
                change.kind(),
                change.path(),
                change.from(),
                change.to(),
                textOrNull(match.path("policy")),
                firstSeen,
                false));
      }
    }
    for (JsonNode decision : unmatched) {
      result.add(
          new Change(
              decision.path("kind").asText(),
              decision.path("path").asText(),
              textOrNull(decision.path("from")),
              textOrNull(decision.path("to")),
              textOrNull(decision.path("policy")),
              firstSeen,
              true));
    }
    return result;
  }

  private static String textOrNull(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  private static Instant instantOrNull(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A field anywhere in a schema, with the path Driftway's alerts use. */
  record Field(int id, Integer parentId, String path, String name, Type type, boolean required) {

    static Map<Integer, Field> index(Schema schema) {
      Map<Integer, Field> fields = new LinkedHashMap<>();
      walk(schema.asStruct(), null, FieldPath.root(), fields);
      return fields;
    }

    private static void walk(
        Type type, Integer parentId, FieldPath at, Map<Integer, Field> fields) {
      if (type.isStructType()) {
        for (Types.NestedField field : type.asStructType().fields()) {
          FieldPath path = at.child(field.name());
          fields.put(
              field.fieldId(),
              new Field(
                  field.fieldId(),
                  parentId,
                  path.toString(),
                  field.name(),
                  field.type(),
                  field.isRequired()));
          walk(field.type(), field.fieldId(), path, fields);
        }
      } else if (type.isListType()) {
        Types.ListType list = type.asListType();
        FieldPath path = at.child(FieldPath.ELEMENT);
        fields.put(
            list.elementId(),
            new Field(
                list.elementId(),
                parentId,
                path.toString(),
                FieldPath.ELEMENT,
                list.elementType(),
                list.isElementRequired()));
        walk(list.elementType(), list.elementId(), path, fields);
      } else if (type.isMapType()) {
        Types.MapType map = type.asMapType();
        FieldPath path = at.child(FieldPath.VALUE);
        fields.put(
            map.valueId(),
            new Field(
                map.valueId(),
                parentId,
                path.toString(),
                FieldPath.VALUE,
                map.valueType(),
                map.isValueRequired()));
        walk(map.valueType(), map.valueId(), path, fields);
      }
    }
  }
}
