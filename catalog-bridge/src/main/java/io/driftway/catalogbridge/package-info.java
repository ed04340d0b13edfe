/**
 * The Driftway catalog bridge: a Glue-compatible Data Catalog service. Start one with {@link
 * io.driftway.catalogbridge.CatalogBridge#start}; every key is in {@link
 * io.driftway.catalogbridge.BridgeOptions}. Runs without Flink.
 */
package io.driftway.catalogbridge;
