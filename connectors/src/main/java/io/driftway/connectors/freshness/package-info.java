/**
 * Freshness of the pipeline's tables: the age of each table's newest commit as a metric, and alerts
 * when input flows but commits stop for longer than the table's {@code freshness-slo}.
 */
package io.driftway.connectors.freshness;
