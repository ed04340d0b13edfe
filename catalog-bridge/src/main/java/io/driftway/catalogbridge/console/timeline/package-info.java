/**
 * The data behind a table's schema timeline: every Iceberg schema version of the table, the changes
 * between consecutive versions computed from the schemas, annotated with the pipeline's stored
 * schema-change alerts, and a side-by-side diff of any two versions.
 */
package io.driftway.catalogbridge.console.timeline;
