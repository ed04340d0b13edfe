/**
 * The AWS JSON 1.1 protocol on the JDK HTTP server: request routing by {@code X-Amz-Target}, SigV4
 * authentication, Glue-shaped errors, the health endpoint, and TLS when a keystore is configured.
 */
package io.driftway.catalogbridge.http;
