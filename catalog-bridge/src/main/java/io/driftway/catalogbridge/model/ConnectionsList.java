package io.driftway.catalogbridge.model;

import java.util.List;

/** A Glue {@code ConnectionsList}; kept and answered, not acted on. */
public record ConnectionsList(List<String> connections) {

  public ConnectionsList {
    connections = Copies.list(connections);
  }
}
