/**
 * The fast path: readers compiled for a table schema that parse JSON and Avro records straight into
 * rows, and answer "does not fit" on drift so only drifting records take the general path.
 */
package io.driftway.schemaevolution.fastpath;
