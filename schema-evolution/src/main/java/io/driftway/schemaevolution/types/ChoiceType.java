package io.driftway.schemaevolution.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A position seen with incompatible types (Glue's ChoiceType): {@code choice<long,string>}. A
 * choice is never a column type; a table policy resolves it ({@code cast}, {@code make_cols},
 * {@code make_struct}, {@code project}, {@code match_catalog}, ...).
 *
 * <p>Alternatives are kept in one canonical order with at most one alternative per {@linkplain
 * Widening#joinClass join class} (an int and a long, two structs or two lists are merged into one,
 * never kept side by side), so two equal sets of alternatives make equal choices whatever order
 * they were seen in.
 */
public final class ChoiceType implements DataType {

  private final List<DataType> alternatives;

  private ChoiceType(List<DataType> alternatives) {
    this.alternatives = alternatives;
  }

  /**
   * A choice of the given alternatives. They must be at least two, of different join classes, none
   * a choice or null.
   */
  public static ChoiceType of(List<DataType> alternatives) {
    List<DataType> sorted = new ArrayList<>(alternatives);
    sorted.sort(ChoiceType::compareAlternatives);
    for (int i = 0; i < sorted.size(); i++) {
      TypeKind kind = sorted.get(i).kind();
      if (kind == TypeKind.CHOICE || kind == TypeKind.NULL) {
        throw new IllegalArgumentException(
            "Cannot create choice: alternatives cannot be null or a choice: " + sorted.get(i));
      }
      if (i > 0 && compareAlternatives(sorted.get(i - 1), sorted.get(i)) == 0) {
        throw new IllegalArgumentException(
            "Cannot create choice: two alternatives of one join class: "
                + sorted.get(i - 1)
                + ", "
                + sorted.get(i));
      }
    }
    if (sorted.size() < 2) {
      throw new IllegalArgumentException(
          "Cannot create choice: needs at least two alternatives: " + sorted);
    }
    return new ChoiceType(Collections.unmodifiableList(sorted));
  }

  /** The canonical order: by join class, so equal sets of alternatives sort equally. */
  static int compareAlternatives(DataType a, DataType b) {
    return Widening.joinClass(a).compareTo(Widening.joinClass(b));
  }

  /** A choice of the given alternatives. */
  public static ChoiceType of(DataType... alternatives) {
    return of(List.of(alternatives));
  }

  /** The alternatives in canonical order (by kind). */
  public List<DataType> alternatives() {
    return alternatives;
  }

  @Override
  public TypeKind kind() {
    return TypeKind.CHOICE;
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof ChoiceType that && alternatives.equals(that.alternatives));
  }

  @Override
  public int hashCode() {
    return alternatives.hashCode() * 17 + 3;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("choice<");
    for (int i = 0; i < alternatives.size(); i++) {
      out.append(i > 0 ? "," : "").append(alternatives.get(i));
    }
    return out.append('>').toString();
  }
}
