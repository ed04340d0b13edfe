/** The file source's reader: a fetcher thread reads files, the task thread emits their records. */
package io.driftway.connectors.files.reader;
