/**
 * The Glue Data Catalog's shapes (databases, tables, storage descriptors, partitions), as the AWS
 * Glue API reference names them. Immutable records; JSON names are the records' component names
 * with a capital first letter ({@code storageDescriptor} is {@code StorageDescriptor}).
 */
package io.driftway.catalogbridge.model;
