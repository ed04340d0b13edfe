/**
 * The JUnit extension that shares one {@code io.driftway.embedded.kafka.KafkaBroker} per test JVM.
 */
package io.driftway.testsupport.kafka;
