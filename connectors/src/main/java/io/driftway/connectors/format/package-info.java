/** Decoding raw bytes (JSON, CSV, Avro, Avro in the Confluent wire format) into dynamic records. */
package io.driftway.connectors.format;
