/** A single-node Kafka broker (KRaft, broker and controller in one process) in its own JVM. */
package io.driftway.embedded.kafka;
