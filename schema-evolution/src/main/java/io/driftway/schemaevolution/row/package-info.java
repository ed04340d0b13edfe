/**
 * Conformed rows: the small {@link io.driftway.schemaevolution.row.Row} interface both the fast
 * path and the general path write, shaped so {@code connectors/} can wrap it as a Flink {@code
 * RowData} without copying.
 */
package io.driftway.schemaevolution.row;
