package io.driftway.schemaevolution.types;

/** The kinds of {@link DataType}: one per primitive, plus the nested kinds and choice. */
public enum TypeKind {
  NULL,
  BOOLEAN,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  DECIMAL,
  STRING,
  BINARY,
  DATE,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  UUID,
  STRUCT,
  LIST,
  MAP,
  CHOICE;

  /** True for kinds without children (every kind but struct, list, map and choice). */
  public boolean isPrimitive() {
    return switch (this) {
      case STRUCT, LIST, MAP, CHOICE -> false;
      default -> true;
    };
  }
}
