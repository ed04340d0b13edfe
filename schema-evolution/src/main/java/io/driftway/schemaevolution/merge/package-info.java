/**
 * The schema join (a lattice join) and the policy-driven evolution of a table schema, with the
 * resulting changes as data.
 */
package io.driftway.schemaevolution.merge;
