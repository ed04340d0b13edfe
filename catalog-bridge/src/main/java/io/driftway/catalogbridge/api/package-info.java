/**
 * The Glue Data Catalog operations: request and response shapes, validation, authorization per
 * database, paging, and change events. {@link io.driftway.catalogbridge.api.GlueApi} is the entry.
 */
package io.driftway.catalogbridge.api;
