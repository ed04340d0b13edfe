package io.driftway.schemaevolution.types;

import java.util.Objects;

/** A list of elements of one type; {@code elementOptional} says whether elements may be null. */
public record ListType(DataType element, boolean elementOptional) implements DataType {

  /** Validates the parts. */
  public ListType {
    Objects.requireNonNull(element, "element");
  }

  /** A list whose elements may be null. */
  public static ListType of(DataType element) {
    return new ListType(element, true);
  }

  /** A list whose elements are never null. */
  public static ListType ofRequired(DataType element) {
    return new ListType(element, false);
  }

  @Override
  public TypeKind kind() {
    return TypeKind.LIST;
  }

  @Override
  public String toString() {
    return "array<" + element + (elementOptional ? "" : " not null") + ">";
  }
}
