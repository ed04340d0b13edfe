/**
 * Schema-change alerts: one event per applied schema change, deduplicated per table and schema,
 * delivered to a Kafka topic, an HTTP webhook and the log without ever blocking the data path.
 */
package io.driftway.connectors.alerts;
