package io.driftway.catalogbridge.model;

import java.util.Map;

/**
 * A Glue {@code Column}: a name, a Hive type string such as {@code struct<a:int,b:string>}, a
 * comment and free-form parameters.
 */
public record Column(String name, String type, String comment, Map<String, String> parameters) {

  public Column {
    parameters = Copies.map(parameters);
  }

  /** A column with a name and a type only. */
  public static Column of(String name, String type) {
    return new Column(name, type, null, null);
  }
}
