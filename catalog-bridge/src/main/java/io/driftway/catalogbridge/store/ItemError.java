package io.driftway.catalogbridge.store;

import io.driftway.catalogbridge.model.GlueException;
import java.util.List;

/** One item of a batch that failed: the partition values (or table name) and why. */
public record ItemError(List<String> key, GlueException error) {

  public ItemError {
    key = List.copyOf(key);
  }
}
