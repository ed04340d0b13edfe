/**
 * Quarantine: records that could not be decoded or were refused by a policy, kept with their raw
 * bytes, coordinates, stage and reason in a per-table Iceberg table written by the same sink as the
 * data, so they are committed exactly once with it.
 */
package io.driftway.connectors.quarantine;
