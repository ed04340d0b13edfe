package io.driftway.schemaevolution.types;

import java.util.Objects;

/**
 * A map from primitive keys to values of one type; {@code valueOptional} says whether values may be
 * null. Keys are never null.
 */
public record MapType(DataType key, DataType value, boolean valueOptional) implements DataType {

  /** Validates the parts. */
  public MapType {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (!key.isPrimitive() || key.kind() == TypeKind.NULL) {
      throw new IllegalArgumentException(
          "Cannot create map type: keys must be a non-null primitive type: " + key);
    }
  }

  /** A map whose values may be null. */
  public static MapType of(DataType key, DataType value) {
    return new MapType(key, value, true);
  }

  /** A {@code map<string, value>} whose values may be null. */
  public static MapType ofStringKeys(DataType value) {
    return new MapType(PrimitiveType.STRING, value, true);
  }

  @Override
  public TypeKind kind() {
    return TypeKind.MAP;
  }

  @Override
  public String toString() {
    return "map<" + key + "," + value + (valueOptional ? "" : " not null") + ">";
  }
}
