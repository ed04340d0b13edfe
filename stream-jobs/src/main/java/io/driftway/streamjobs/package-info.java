/** Pipeline specs, the streaming and backfill job graphs, and the {@code driftway} command line. */
package io.driftway.streamjobs;
