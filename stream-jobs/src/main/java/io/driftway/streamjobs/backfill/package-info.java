/**
 * Backfill jobs (Glue's job runs): history from S3 files or a Kafka/Kinesis range, written into the
 * same Iceberg tables as the streaming pipeline, through the same tail, with bookmarks that make a
 * re-run skip what an earlier run committed. Entry points: {@link
 * io.driftway.streamjobs.backfill.BackfillJob} (the job graph) and {@link
 * io.driftway.streamjobs.backfill.BackfillRunner} (plan, run, bookmark, summarize).
 */
package io.driftway.streamjobs.backfill;
