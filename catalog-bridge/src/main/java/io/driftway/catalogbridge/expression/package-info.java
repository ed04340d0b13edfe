/**
 * Glue's partition expression (the {@code Expression} of GetPartitions): a parser for its SQL
 * WHERE-clause syntax and an evaluator typed by the table's partition keys.
 */
package io.driftway.catalogbridge.expression;
