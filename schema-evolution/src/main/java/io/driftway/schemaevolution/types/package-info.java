/**
 * The types of the schema layer ({@link io.driftway.schemaevolution.types.DataType} and its kinds),
 * field paths as JSON pointers, the case rule for names, and Iceberg's legal widenings.
 */
package io.driftway.schemaevolution.types;
