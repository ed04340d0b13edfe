/**
 * The catalog's relational store: a schema with versioned migrations (H2 embedded file database by
 * default, PostgreSQL in production), one transaction per write, and the table version counter
 * behind UpdateTable's optimistic concurrency.
 */
package io.driftway.catalogbridge.store;
