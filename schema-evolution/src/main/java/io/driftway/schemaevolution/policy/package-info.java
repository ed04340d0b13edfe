/**
 * Table policies: new-field and type-conflict actions (per table and per path), schema hints, and
 * limits with the explosion guard.
 */
package io.driftway.schemaevolution.policy;
