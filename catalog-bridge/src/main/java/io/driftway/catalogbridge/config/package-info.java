/**
 * Typed configuration: {@link io.driftway.catalogbridge.config.ConfigOption} declares a key once
 * with its type, default and description; {@link io.driftway.catalogbridge.config.Configuration}
 * holds values read from YAML or set in code.
 */
package io.driftway.catalogbridge.config;
