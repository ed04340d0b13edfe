package io.driftway.schemaevolution.policy;

import io.driftway.schemaevolution.types.FieldPath;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one table follows drift: what to do with new fields and with type conflicts (per table, and
 * overridable per field path), schema hints, limits, and the name of the rescued-data column.
 *
 * <p>A path override applies to the path and everything below it; the longest configured prefix
 * wins. Paths are JSON pointers or dotted paths, matched ignoring case, and may leave out the
 * {@code element}/{@code value} segments of lists and maps.
 *
 * <pre>{@code
 * TablePolicy policy = TablePolicy.builder()
 *     .newFields(NewFieldAction.EVOLVE)
 *     .newFields("/debug", NewFieldAction.IGNORE)
 *     .onConflict("/price", ConflictAction.parse("cast:decimal(12,2)"))
 *     .onConflict("/payload/items/[]/qty", ConflictAction.makeCols())
 *     .hints(SchemaHints.parse("event_time: timestamptz"))
 *     .limits(Limits.defaults().withMapThreshold(200))
 *     .build();
 * }</pre>
 */
public final class TablePolicy {

  /** The default name of the rescued-data column. */
  public static final String DEFAULT_RESCUED_COLUMN = "_rescued_data";

  private static final TablePolicy DEFAULTS = builder().build();

  private final NewFieldAction newFields;
  private final ConflictAction onConflict;
  private final Map<FieldPath, NewFieldAction> newFieldOverrides;
  private final Map<FieldPath, ConflictAction> conflictOverrides;
  private final PathTrie<NewFieldAction> newFieldTrie;
  private final PathTrie<ConflictAction> conflictTrie;
  private final SchemaHints hints;
  private final Limits limits;
  private final String rescuedColumn;

  private TablePolicy(Builder builder) {
    this.newFields = builder.newFields;
    this.onConflict = builder.onConflict;
    this.newFieldOverrides =
        Collections.unmodifiableMap(new LinkedHashMap<>(builder.newFieldByPath));
    this.conflictOverrides =
        Collections.unmodifiableMap(new LinkedHashMap<>(builder.conflictByPath));
    this.newFieldTrie = PathTrie.of(newFieldOverrides);
    this.conflictTrie = PathTrie.of(conflictOverrides);
    this.hints = builder.hints;
    this.limits = builder.limits;
    this.rescuedColumn = builder.rescuedColumn;
  }

  /** The default policy: evolve new fields, widen on conflicts, default limits, no hints. */
  public static TablePolicy defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.newFields = newFields;
    builder.onConflict = onConflict;
    builder.newFieldByPath.putAll(newFieldOverrides);
    builder.conflictByPath.putAll(conflictOverrides);
    builder.hints = hints;
    builder.limits = limits;
    builder.rescuedColumn = rescuedColumn;
    return builder;
  }

  /**
   * The action for a new field at {@code path}. A field with a schema hint is declared, not new: it
   * becomes its column whatever the table's new-field policy, unless an override names that very
   * path. So {@code new-fields: rescue} with hints keeps the hinted columns (a partition column
   * among them) and rescues the rest.
   */
  public NewFieldAction newFieldAction(FieldPath path) {
    if (!hints.isEmpty() && hints.hint(path) != null && !newFieldOverrides.containsKey(path)) {
      return NewFieldAction.EVOLVE;
    }
    return newFieldOverrides.isEmpty() ? newFields : newFieldTrie.nearest(path, newFields);
  }

  /**
   * The action for a type conflict at {@code path}: the action configured for the path, else the
   * nearest enclosing path's {@code widen}, {@code match_catalog} or {@code quarantine}, else the
   * table default. {@code cast}, {@code project}, {@code make_cols} and {@code make_struct} name a
   * type for one field, so they apply to exactly the path they name.
   */
  public ConflictAction conflictAction(FieldPath path) {
    return conflictOverrides.isEmpty()
        ? onConflict
        : conflictTrie.nearest(path, onConflict, TablePolicy::inheritable);
  }

  private static boolean inheritable(ConflictAction action) {
    return switch (action.kind()) {
      case WIDEN, MATCH_CATALOG, QUARANTINE -> true;
      default -> false;
    };
  }

  /**
   * The {@code make_cols} or {@code make_struct} action configured for exactly this field, or null.
   * These split a field by type, so they apply only to the path they name.
   */
  public ConflictAction splitAction(FieldPath path) {
    if (conflictOverrides.isEmpty()) {
      return null;
    }
    if (PathTrie.isCollectionSegment(path.name())) {
      // A list element or map value is not a field to split, even under an old-style path.
      return null;
    }
    ConflictAction action = conflictTrie.exact(path);
    return action != null && action.splitsByType() ? action : null;
  }

  /** True when some path is split by type ({@code make_cols} or {@code make_struct}). */
  public boolean hasSplits() {
    for (ConflictAction action : conflictOverrides.values()) {
      if (action.splitsByType()) {
        return true;
      }
    }
    return false;
  }

  /** The table default for new fields. */
  public NewFieldAction newFields() {
    return newFields;
  }

  /** The table default for conflicts. */
  public ConflictAction onConflict() {
    return onConflict;
  }

  /** The per-path new-field overrides. */
  public Map<FieldPath, NewFieldAction> newFieldOverrides() {
    return newFieldOverrides;
  }

  /** The per-path conflict overrides. */
  public Map<FieldPath, ConflictAction> conflictOverrides() {
    return conflictOverrides;
  }

  /** The schema hints. */
  public SchemaHints hints() {
    return hints;
  }

  /** The limits. */
  public Limits limits() {
    return limits;
  }

  /** The name of the rescued-data column. */
  public String rescuedColumn() {
    return rescuedColumn;
  }

  /** The configuration name of the new-field action at {@code path}, for change records. */
  public String describeNewFields(FieldPath path) {
    return "new-fields=" + newFieldAction(path).configName();
  }

  /** The configuration name of the conflict action at {@code path}, for change records. */
  public String describeConflict(FieldPath path) {
    return "on-conflict=" + conflictAction(path);
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof TablePolicy that
            && newFields == that.newFields
            && onConflict.equals(that.onConflict)
            && newFieldOverrides.equals(that.newFieldOverrides)
            && conflictOverrides.equals(that.conflictOverrides)
            && hints.equals(that.hints)
            && limits.equals(that.limits)
            && rescuedColumn.equals(that.rescuedColumn));
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        newFields, onConflict, newFieldOverrides, conflictOverrides, hints, limits, rescuedColumn);
  }

  @Override
  public String toString() {
    return "TablePolicy{new-fields="
        + newFields.configName()
        + ", on-conflict="
        + onConflict
        + ", overrides="
        + newFieldOverrides
        + conflictOverrides
        + ", hints="
        + hints
        + ", limits="
        + limits
        + "}";
  }

  /** Builds a {@link TablePolicy}; {@link #build} validates the combination. */
  public static final class Builder {
    private NewFieldAction newFields = NewFieldAction.EVOLVE;
    private ConflictAction onConflict = ConflictAction.widen();
    private final Map<FieldPath, NewFieldAction> newFieldByPath = new LinkedHashMap<>();
    private final Map<FieldPath, ConflictAction> conflictByPath = new LinkedHashMap<>();
    private SchemaHints hints = SchemaHints.none();
    private Limits limits = Limits.defaults();
    private String rescuedColumn = DEFAULT_RESCUED_COLUMN;

    private Builder() {}

    /** The table default for new fields. */
    public Builder newFields(NewFieldAction action) {
      this.newFields = Objects.requireNonNull(action, "action");
      return this;
    }

    /** The action for new fields at or below {@code path}. */
    public Builder newFields(String path, NewFieldAction action) {
      newFieldByPath.put(FieldPath.parse(path), Objects.requireNonNull(action, "action"));
      return this;
    }

    /** The table default for type conflicts. */
    public Builder onConflict(ConflictAction action) {
      this.onConflict = Objects.requireNonNull(action, "action");
      return this;
    }

    /** The action for type conflicts at or below {@code path}. */
    public Builder onConflict(String path, ConflictAction action) {
      conflictByPath.put(FieldPath.parse(path), Objects.requireNonNull(action, "action"));
      return this;
    }

    /** The schema hints. */
    public Builder hints(SchemaHints hints) {
      this.hints = Objects.requireNonNull(hints, "hints");
      return this;
    }

    /** The limits. */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The name of the rescued-data column. */
    public Builder rescuedColumn(String name) {
      this.rescuedColumn = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Validates and builds. */
    public TablePolicy build() {
      if (onConflict.splitsByType()) {
        throw new IllegalArgumentException(
            "Cannot build table policy: "
                + onConflict
                + " splits a field by type and must name a field path, not be the table"
                + " default: on-conflict="
                + onConflict);
      }
      if (rescuedColumn.isBlank()) {
        throw new IllegalArgumentException(
            "Cannot build table policy: the rescued-data column needs a name: '"
                + rescuedColumn
                + "'");
      }
      for (Map.Entry<FieldPath, ConflictAction> entry : conflictByPath.entrySet()) {
        FieldPath path = entry.getKey();
        if (!entry.getValue().splitsByType()) {
          continue;
        }
        if (path.isRoot() || PathTrie.isCollectionSegment(path.name())) {
          throw new IllegalArgumentException(
              "Cannot build table policy: "
                  + entry.getValue()
                  + " needs a named field, not a list element, map value or the record: "
                  + path);
        }
        if (hints.hint(path) != null) {
          throw new IllegalArgumentException(
              "Cannot build table policy: "
                  + entry.getValue()
                  + " and a schema hint both decide the type of one field: "
                  + path);
        }
      }
      if (FieldPath.parse(rescuedColumn).segments().size() != 1) {
        throw new IllegalArgumentException(
            "Cannot build table policy: the rescued-data column must be a top-level name: "
                + rescuedColumn);
      }
      return new TablePolicy(this);
    }
  }
}
