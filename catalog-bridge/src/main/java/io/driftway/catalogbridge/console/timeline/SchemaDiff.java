package io.driftway.catalogbridge.console.timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;

/**
 * Two schema versions side by side, one row per field (matched by Iceberg field id, so a renamed
 * field stays one row), in the order of the newer schema with removed fields last.
 *
 * <pre>{@code
 * for (SchemaDiff.Row row : SchemaDiff.of(v1.schema(), v3.schema()).rows()) {
 *   System.out.println(row.status() + " " + row.leftPath() + " " + row.leftType() + " | " + row.rightType());
 * }
 * }</pre>
 */
public final class SchemaDiff {

  /** How a field differs between the two versions. */
  public enum Status {
    SAME,
    ADDED,
    REMOVED,
    CHANGED
  }

  /**
   * One field.
   *
   * @param leftPath the field's path in the left version, or null when it has none
   * @param leftType its type there ({@code long not null} when required), or null
   * @param rightPath its path in the right version, or null
   * @param rightType its type there, or null
   */
  public record Row(
      String leftPath, String leftType, String rightPath, String rightType, Status status) {}

  private final List<Row> rows;

  private SchemaDiff(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /** The rows. */
  public List<Row> rows() {
    return rows;
  }

  /** {@code left} and {@code right} side by side. */
  public static SchemaDiff of(Schema left, Schema right) {
    Map<Integer, SchemaTimeline.Field> before = SchemaTimeline.Field.index(left);
    Map<Integer, SchemaTimeline.Field> after = SchemaTimeline.Field.index(right);
    List<Row> rows = new ArrayList<>();
    for (SchemaTimeline.Field field : after.values()) {
      SchemaTimeline.Field was = before.get(field.id());
      String rightType = describe(field);
      if (was == null) {
        rows.add(new Row(null, null, field.path(), rightType, Status.ADDED));
      } else {
        String leftType = describe(was);
        Status status =
            leftType.equals(rightType) && was.path().equals(field.path())
                ? Status.SAME
                : Status.CHANGED;
        rows.add(new Row(was.path(), leftType, field.path(), rightType, status));
      }
    }
    Map<Integer, SchemaTimeline.Field> removed = new LinkedHashMap<>(before);
    removed.keySet().removeAll(after.keySet());
    for (SchemaTimeline.Field was : removed.values()) {
      rows.add(new Row(was.path(), describe(was), null, null, Status.REMOVED));
    }
    return new SchemaDiff(rows);
  }

  private static String describe(SchemaTimeline.Field field) {
    String type = field.type().isPrimitiveType() ? field.type().toString() : typeName(field);
    return field.required() ? type + " not null" : type;
  }

  private static String typeName(SchemaTimeline.Field field) {
    if (field.type().isStructType()) {
      return "struct";
    }
    if (field.type().isListType()) {
      return "list";
    }
    return "map<" + field.type().asMapType().keyType() + ", ...>";
  }
}
