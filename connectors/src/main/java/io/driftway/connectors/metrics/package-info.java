/**
 * Driftway's own pipeline metrics, registered through Flink's metric API so that any Flink reporter
 * (Prometheus, JMX, ...) exports them; names and labels are documented in the README.
 */
package io.driftway.connectors.metrics;
