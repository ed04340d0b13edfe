/**
 * The per-record evolving schema layer: dynamic records, the schema merge, and the table policies.
 * Plain Java: nothing here depends on Flink; {@code connectors/} adapts it.
 *
 * <p>The entry points, in the order a record meets them:
 *
 * <ol>
 *   <li>{@link io.driftway.schemaevolution.fastpath.FastPath}: a reader compiled for the current
 *       table schema parses JSON or Avro straight into a {@link
 *       io.driftway.schemaevolution.row.Row}, or says the record does not fit;
 *   <li>{@link io.driftway.schemaevolution.infer.Inferrers}: otherwise the record is read into a
 *       {@link io.driftway.schemaevolution.record.DynamicRecord} with its own schema (JSON, Avro,
 *       CSV); malformed or oversized input is a {@link
 *       io.driftway.schemaevolution.record.RecordRejectedException} to quarantine;
 *   <li>{@link io.driftway.schemaevolution.SchemaTracker}: evolves the table schema as the {@link
 *       io.driftway.schemaevolution.policy.TablePolicy} decides ({@link
 *       io.driftway.schemaevolution.merge.SchemaEvolver}, a lattice join underneath: {@link
 *       io.driftway.schemaevolution.merge.SchemaJoin}), reports each {@link
 *       io.driftway.schemaevolution.merge.SchemaChange} once, and conforms the record ({@link
 *       io.driftway.schemaevolution.conform.Conformer}) to a row with rescued data, or to a
 *       quarantine reason;
 *   <li>{@link io.driftway.schemaevolution.mapping}: the table schema as an Iceberg schema with
 *       stable field ids, an Avro schema, or Glue/Hive column types.
 * </ol>
 *
 * <p>Names match case-insensitively everywhere; the one rule is on {@link
 * io.driftway.schemaevolution.types.FieldNames}.
 */
package io.driftway.schemaevolution;
