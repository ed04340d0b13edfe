/**
 * The data behind the console's quarantine page: what the bridge asks of the pipelines' quarantine
 * tables ({@link io.driftway.catalogbridge.console.quarantine.QuarantineAccess}, implemented in
 * {@code stream-jobs}), counts by stage and reason over time, and raw bytes made safe to show.
 */
package io.driftway.catalogbridge.console.quarantine;
