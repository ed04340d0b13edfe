package io.driftway.catalogbridge.model;

import java.util.Map;

/** A Glue {@code SerDeInfo}: the serialization library and its parameters. */
public record SerDeInfo(String name, String serializationLibrary, Map<String, String> parameters) {

  public SerDeInfo {
    parameters = Copies.map(parameters);
  }
}
