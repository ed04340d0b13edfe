/**
 * The job graphs: a pipeline spec turned into Flink sources, the schema-tracking operator, the
 * Iceberg sink and alert delivery.
 */
package io.driftway.streamjobs.graph;
