package io.driftway.schemaevolution.row;

import java.util.Objects;

/** A {@link RowMap} of two parallel {@link GenericArray}s; compares by value, in entry order. */
public final class GenericMap implements RowMap {

  private final GenericArray keys;
  private final GenericArray values;

  private GenericMap(GenericArray keys, GenericArray values) {
    this.keys = keys;
    this.values = values;
  }

  /** A map over parallel key and value arrays, handed over without copying. */
  public static GenericMap wrap(Object[] keys, Object[] values) {
    if (keys.length != values.length) {
      throw new IllegalArgumentException(
          "Cannot create map: "
              + keys.length
              + " keys but "
              + values.length
              + " values: "
              + GenericArray.wrap(keys));
    }
    return new GenericMap(GenericArray.wrap(keys), GenericArray.wrap(values));
  }

  @Override
  public int size() {
    return keys.size();
  }

  @Override
  public GenericArray keys() {
    return keys;
  }

  @Override
  public GenericArray values() {
    return values;
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof GenericMap that
            && keys.equals(that.keys)
            && values.equals(that.values));
  }

  @Override
  public int hashCode() {
    return Objects.hash(keys, values);
  }

  @Override
  public String toString() {
    return "map" + keys + "->" + values;
  }
}
