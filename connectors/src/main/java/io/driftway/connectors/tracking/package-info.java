/**
 * The heart of a pipeline on Flink: route each raw record to its table, track the table schema with
 * the schema layer's policies, conform the record to it, and hand rows, quarantine rows and
 * schema-change alerts downstream.
 */
package io.driftway.connectors.tracking;
