package io.driftway.schemaevolution.types;

/**
 * The primitive types without parameters. {@link #NULL} is the type of a value that is only ever
 * null: the bottom of the merge lattice, never a column type.
 *
 * <p>{@link #TIMESTAMP} has no zone (a wall-clock time); {@link #TIMESTAMPTZ} is an instant, stored
 * in UTC. Both have microsecond precision, as Iceberg's.
 */
public enum PrimitiveType implements DataType {
  NULL(TypeKind.NULL),
  BOOLEAN(TypeKind.BOOLEAN),
  INT(TypeKind.INT),
  LONG(TypeKind.LONG),
  FLOAT(TypeKind.FLOAT),
  DOUBLE(TypeKind.DOUBLE),
  STRING(TypeKind.STRING),
  BINARY(TypeKind.BINARY),
  DATE(TypeKind.DATE),
  TIME(TypeKind.TIME),
  TIMESTAMP(TypeKind.TIMESTAMP),
  TIMESTAMPTZ(TypeKind.TIMESTAMPTZ),
  UUID(TypeKind.UUID);

  private final TypeKind kind;

  PrimitiveType(TypeKind kind) {
    this.kind = kind;
  }

  @Override
  public TypeKind kind() {
    return kind;
  }

  @Override
  public String toString() {
    return simpleName();
  }
}
