/**
 * The quarantine as an operator sees it: its rows read back ({@link
 * io.driftway.streamjobs.quarantine.QuarantineRows}), their replay state ({@link
 * io.driftway.streamjobs.quarantine.ReplayLedger}), and what a replay or an approval sends through
 * the pipeline again ({@link io.driftway.streamjobs.quarantine.Replays}). The replay job itself is
 * a backfill whose source is {@code quarantine://db.table}.
 */
package io.driftway.streamjobs.quarantine;
