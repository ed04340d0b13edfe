/**
 * The general conform path: a dynamic record written as a row of its table schema, with rescued
 * data and quarantine decisions.
 */
package io.driftway.schemaevolution.conform;
