/** A real single-node Kafka broker (KRaft, broker and controller in one process) for tests. */
package io.driftway.testsupport.kafka;
