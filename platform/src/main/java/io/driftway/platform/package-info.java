/**
 * Small shared ground for connectors and the catalog bridge: typed configuration ({@code config}),
 * AWS clients ({@code aws}) and webhook sending ({@code webhook}). No Flink, no Iceberg writes.
 */
package io.driftway.platform;
