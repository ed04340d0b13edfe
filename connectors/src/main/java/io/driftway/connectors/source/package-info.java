/** Raw input records with their coordinates, as every source hands them to decoding. */
package io.driftway.connectors.source;
