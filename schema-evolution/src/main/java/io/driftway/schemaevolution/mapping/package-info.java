/**
 * Mappings of schema-layer types to and from Iceberg schemas (with stable field ids), Avro schemas,
 * and Glue/Hive type strings.
 */
package io.driftway.schemaevolution.mapping;
