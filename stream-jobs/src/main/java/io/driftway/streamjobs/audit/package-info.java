/**
 * The audit: every streaming or backfill job records, in the same Iceberg commit as its rows, the
 * source ranges each checkpoint covered ({@link io.driftway.streamjobs.audit.SourceRanges}); {@code
 * driftway audit} reads them back with the table's snapshots and reports gaps, overlaps and data
 * files registered twice.
 */
package io.driftway.streamjobs.audit;
