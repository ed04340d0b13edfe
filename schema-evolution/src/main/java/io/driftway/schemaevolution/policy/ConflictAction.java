package io.driftway.schemaevolution.policy;

import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.TypeKind;
import io.driftway.schemaevolution.types.TypeParser;
import java.util.Locale;
import java.util.Objects;

/**
 * What a table does when a value's type differs from its column's type (Glue's {@code
 * resolveChoice} actions, for a stream). A difference that is a legal Iceberg widening of the
 * column ({@code int -> long}, {@code float -> double}, decimal precision up) and one where the
 * value already fits the column (an {@code int} into a {@code long} column, an ISO-8601 string into
 * a timestamp column) are decided by the same action; the rest are choices.
 *
 * <ul>
 *   <li>{@code widen} (default): widen the column when Iceberg allows it; otherwise the column
 *       keeps its type and values that do not fit go to the rescued-data column. A new column seen
 *       with a choice gets the first alternative of: string, floating, integer, decimal, boolean,
 *       timestamptz, timestamp, date, time, uuid, binary, struct, map, array.
 *   <li>{@code cast:<type>}: the column has that type; values are cast to it (a string {@code "12"}
 *       into a long), values that do not cast go to rescued data.
 *   <li>{@code project:<type>}: the column has that type; only values already of it are kept, the
 *       rest go to rescued data.
 *   <li>{@code match_catalog}: the column keeps the table's type; values are cast to it, the rest
 *       go to rescued data.
 *   <li>{@code make_cols}: one column per type, named {@code <field>_<type>} ({@code price_long},
 *       {@code price_string}).
 *   <li>{@code make_struct}: the column is a struct with one field per type ({@code price.long},
 *       {@code price.string}).
 *   <li>{@code quarantine}: the column keeps its type; a record whose value does not fit is
 *       quarantined with the reason.
 * </ul>
 *
 * <p>{@code make_cols} and {@code make_struct} shape a field from its first sighting, even before a
 * second type appears, so the table does not depend on which type arrived first. That is why they
 * name a field path and cannot be a table's default.
 *
 * <pre>{@code
 * ConflictAction cast = ConflictAction.parse("cast:decimal(12,2)");
 * }</pre>
 */
public final class ConflictAction {

  /** The kinds of action. */
  public enum Kind {
    WIDEN,
    CAST,
    PROJECT,
    MATCH_CATALOG,
    MAKE_COLS,
    MAKE_STRUCT,
    QUARANTINE;

    /** The configuration name: {@code widen}, {@code cast}, {@code make_cols}, ... */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final ConflictAction WIDEN = new ConflictAction(Kind.WIDEN, null);
  private static final ConflictAction MATCH_CATALOG = new ConflictAction(Kind.MATCH_CATALOG, null);
  private static final ConflictAction MAKE_COLS = new ConflictAction(Kind.MAKE_COLS, null);
  private static final ConflictAction MAKE_STRUCT = new ConflictAction(Kind.MAKE_STRUCT, null);
  private static final ConflictAction QUARANTINE = new ConflictAction(Kind.QUARANTINE, null);

  private final Kind kind;
  private final DataType target;

  private ConflictAction(Kind kind, DataType target) {
    this.kind = kind;
    this.target = target;
  }

  /** {@code widen}: Iceberg-legal widening, otherwise rescue. */
  public static ConflictAction widen() {
    return WIDEN;
  }

  /** {@code cast:<type>}. */
  public static ConflictAction cast(DataType target) {
    return new ConflictAction(Kind.CAST, checkTarget("cast", target));
  }

  /** {@code project:<type>}. */
  public static ConflictAction project(DataType target) {
    return new ConflictAction(Kind.PROJECT, checkTarget("project", target));
  }

  /** {@code match_catalog}. */
  public static ConflictAction matchCatalog() {
    return MATCH_CATALOG;
  }

  /** {@code make_cols}. */
  public static ConflictAction makeCols() {
    return MAKE_COLS;
  }

  /** {@code make_struct}. */
  public static ConflictAction makeStruct() {
    return MAKE_STRUCT;
  }

  /** {@code quarantine}. */
  public static ConflictAction quarantine() {
    return QUARANTINE;
  }

  private static DataType checkTarget(String action, DataType target) {
    Objects.requireNonNull(target, "target");
    if (!target.isPrimitive() || target.kind() == TypeKind.NULL) {
      throw new IllegalArgumentException(
          "Cannot create conflict action: "
              + action
              + " needs a primitive type other than null: "
              + target);
    }
    return target;
  }

  /**
   * Reads {@code widen}, {@code cast:<type>}, {@code project:<type>}, {@code match_catalog}, {@code
   * make_cols}, {@code make_struct} or {@code quarantine}.
   */
  public static ConflictAction parse(String text) {
    String trimmed = text.trim();
    int colon = trimmed.indexOf(':');
    String name = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT);
    String argument = colon < 0 ? null : trimmed.substring(colon + 1).trim();
    boolean typed = name.equals("cast") || name.equals("project");
    if (typed != (argument != null)) {
      throw new IllegalArgumentException(
          "Cannot parse conflict action: "
              + (typed ? name + " needs a type, as " + name + ":long" : name + " takes no type")
              + ": "
              + text);
    }
    return switch (name) {
      case "widen" -> widen();
      case "cast" -> cast(TypeParser.parse(argument));
      case "project" -> project(TypeParser.parse(argument));
      case "match_catalog" -> matchCatalog();
      case "make_cols" -> makeCols();
      case "make_struct" -> makeStruct();
      case "quarantine" -> quarantine();
      default ->
          throw new IllegalArgumentException(
              "Cannot parse conflict action: expected widen, cast:<type>, project:<type>,"
                  + " match_catalog, make_cols, make_struct or quarantine: "
                  + text);
    };
  }

  /** The kind. */
  public Kind kind() {
    return kind;
  }

  /** The type of {@code cast} and {@code project}; null for the others. */
  public DataType target() {
    return target;
  }

  /** True for {@code make_cols} and {@code make_struct}, which shape a field eagerly. */
  public boolean splitsByType() {
    return kind == Kind.MAKE_COLS || kind == Kind.MAKE_STRUCT;
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof ConflictAction that
            && kind == that.kind
            && Objects.equals(target, that.target));
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Objects.hashCode(target);
  }

  /** The configuration form: {@code cast:long}, {@code make_cols}, ... */
  @Override
  public String toString() {
    return target == null ? kind.configName() : kind.configName() + ":" + target;
  }
}
