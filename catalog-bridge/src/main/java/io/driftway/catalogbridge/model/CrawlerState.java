package io.driftway.catalogbridge.model;

/** Glue's crawler {@code State}. */
public enum CrawlerState {
  READY,
  RUNNING,
  STOPPING
}
