/**
 * {@code ./load-tests/bench peers}: Driftway's pipeline against what users would pick instead, each
 * in its own JVM on the same broker and the same records: Apache Iceberg's Kafka Connect sink in a
 * Kafka Connect worker, a static-schema Flink job, and Driftway. Entry point: {@link
 * io.driftway.loadtests.peers.PeersBench}.
 */
package io.driftway.loadtests.peers;
