/**
 * {@code ./load-tests/bench chaos}: a million records through a real pipeline ({@code driftway run}
 * in a JVM of its own, a Kafka broker process, the catalog bridge, S3Proxy) while seeded faults
 * strike, then every row read back. Entry point: {@link io.driftway.loadtests.chaos.ChaosBench}.
 */
package io.driftway.loadtests.chaos;
