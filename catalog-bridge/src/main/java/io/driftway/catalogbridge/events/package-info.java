/**
 * Catalog change events shaped like AWS Glue's EventBridge events, and the sinks that receive them
 * (log, webhook, or any {@link io.driftway.catalogbridge.events.CatalogEventSink} given in process,
 * such as the pipeline's alerts).
 */
package io.driftway.catalogbridge.events;
