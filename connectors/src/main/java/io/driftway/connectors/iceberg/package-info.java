/** Iceberg catalogs and the dynamic sink, configured for Driftway's pipelines. */
package io.driftway.connectors.iceberg;
