/**
 * Iceberg through Glue: Hive column types for Iceberg schemas, the column sync that keeps Glue
 * columns equal to the Iceberg schema after every commit, and the client factory and properties
 * that point Iceberg's {@code GlueCatalog} at the bridge.
 */
package io.driftway.catalogbridge.iceberg;
