package io.driftway.catalogbridge.sync;

import java.util.List;

/**
 * What a mirror copies and how.
 *
 * @param databases the databases to copy; empty for all the source shows
 * @param deleteExtra delete target entries the source does not have (within those databases)
 * @param dryRun report what would change, write nothing
 * @param targetCatalogId the target's CatalogId (an AWS account id), or null for the caller's
 */
public record MirrorOptions(
    List<String> databases, boolean deleteExtra, boolean dryRun, String targetCatalogId) {

  public MirrorOptions {
    databases = List.copyOf(databases);
  }

  /** Every database, nothing deleted, for real. */
  public static MirrorOptions all() {
    return new MirrorOptions(List.of(), false, false, null);
  }
}
