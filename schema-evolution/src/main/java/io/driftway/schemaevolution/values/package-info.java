/**
 * Value conversions shared by inference, the general conform path and the fast path: ISO-8601
 * temporals, exact fits and casts, JSON writing of record values, and the rescued-data object.
 */
package io.driftway.schemaevolution.values;
