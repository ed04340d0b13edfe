package io.driftway.catalogbridge.model;

import java.util.List;

/** A Glue {@code CrawlerTargets}; the bridge crawls {@code S3Targets} only. */
public record CrawlerTargets(List<S3Target> s3Targets) {

  public CrawlerTargets {
    s3Targets = Copies.list(s3Targets);
  }
}
