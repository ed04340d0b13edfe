package io.driftway.schemaevolution.types;

/**
 * A fixed-point decimal with {@code precision} digits, {@code scale} of them after the point, as
 * Iceberg's {@code decimal(P,S)}: precision 1 to 38, scale 0 to precision.
 */
public record DecimalType(int precision, int scale) implements DataType {

  /** The widest decimal Iceberg stores. */
  public static final int MAX_PRECISION = 38;

  /** Validates precision and scale. */
  public DecimalType {
    if (precision < 1 || precision > MAX_PRECISION) {
      throw new IllegalArgumentException(
          "Cannot create decimal type: precision must be 1 to 38: " + precision);
    }
    if (scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          "Cannot create decimal type: scale must be 0 to precision " + precision + ": " + scale);
    }
  }

  /** {@code decimal(precision, scale)}. */
  public static DecimalType of(int precision, int scale) {
    return new DecimalType(precision, scale);
  }

  @Override
  public TypeKind kind() {
    return TypeKind.DECIMAL;
  }

  @Override
  public String toString() {
    return "decimal(" + precision + "," + scale + ")";
  }
}
