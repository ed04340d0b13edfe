package io.driftway.schemaevolution.types;

import java.util.Objects;

/**
 * A named member of a {@link StructType}: a name as spelled by the source, a type, and whether the
 * field may be null or absent.
 *
 * <p>Fields inferred from schemaless formats (JSON, CSV) are always optional; required fields come
 * from Avro writer schemas and catalog tables.
 */
public record Field(String name, DataType type, boolean optional) {

  /** Validates the parts. */
  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("Cannot create field: name is empty: " + type);
    }
  }

  /** An optional field. */
  public static Field optional(String name, DataType type) {
    return new Field(name, type, true);
  }

  /** A required field. */
  public static Field required(String name, DataType type) {
    return new Field(name, type, false);
  }

  /** This field with another type. */
  public Field withType(DataType newType) {
    return new Field(name, newType, optional);
  }

  /** This field with another name. */
  public Field withName(String newName) {
    return new Field(newName, type, optional);
  }

  /** This field as optional. */
  public Field asOptional() {
    return optional ? this : new Field(name, type, true);
  }

  @Override
  public String toString() {
    return name + ":" + type + (optional ? "" : " not null");
  }
}
