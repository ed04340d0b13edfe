/**
 * Flink for tests: the extension that shares one {@code io.driftway.embedded.flink.FlinkCluster}
 * per test JVM, and a standalone session cluster as separate JVMs.
 */
package io.driftway.testsupport.flink;
