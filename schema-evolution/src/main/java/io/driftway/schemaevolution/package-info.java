/**
 * The per-record evolving schema layer: dynamic records, the schema merge, and the table policies.
 *
 * <p>Plain Java: nothing in this package depends on Flink.
 */
package io.driftway.schemaevolution;
