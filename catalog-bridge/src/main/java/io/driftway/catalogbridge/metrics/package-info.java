/** The bridge's own metrics, served at {@code GET /metrics} in the Prometheus text format. */
package io.driftway.catalogbridge.metrics;
