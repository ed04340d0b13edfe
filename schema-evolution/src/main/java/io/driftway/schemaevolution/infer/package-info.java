/**
 * Inference: JSON (streaming, no tree), Avro (writer schema, unions, logical types) and CSV (header
 * row, per-cell typing) into dynamic records, with schema hints and record limits.
 */
package io.driftway.schemaevolution.infer;
