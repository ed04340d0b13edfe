/**
 * Sync and reconcile: {@link io.driftway.catalogbridge.sync.CatalogMirror} copies a catalog to
 * another Glue endpoint incrementally; {@link io.driftway.catalogbridge.sync.CatalogCheck} reports
 * where the Glue view and the files behind it diverge.
 */
package io.driftway.catalogbridge.sync;
