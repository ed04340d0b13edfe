/**
 * Table maintenance with Iceberg's own machinery: the rule that keeps what a restore or a backfill
 * bookmark needs ({@link io.driftway.streamjobs.maintain.RetentionRule}), the tasks attached to a
 * pipeline job ({@link io.driftway.streamjobs.maintain.MaintenanceGraph}), and the one-shot run of
 * {@code driftway maintain} and the Glue job run.
 */
package io.driftway.streamjobs.maintain;
