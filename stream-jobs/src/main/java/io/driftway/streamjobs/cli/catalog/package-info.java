/** {@code driftway catalog serve|mirror|check}: the catalog bridge on the command line. */
package io.driftway.streamjobs.cli.catalog;
