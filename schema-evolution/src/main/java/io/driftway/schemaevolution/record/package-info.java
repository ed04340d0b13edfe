/**
 * Dynamic records: values with the schema inferred from the record alone and the coordinates of
 * where the record came from; quarantine reasons.
 */
package io.driftway.schemaevolution.record;
