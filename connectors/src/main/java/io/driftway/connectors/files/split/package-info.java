/** File splits (groups of files with records to skip), their reading state and serializer. */
package io.driftway.connectors.files.split;
