/**
 * Real servers for integration tests, started by the test code on 127.0.0.1 with free ports.
 *
 * <p>Each server has a JUnit 5 extension that starts it once per test JVM, hands it to test methods
 * as a parameter, and stops it when the test plan ends. Servers that run as child processes are
 * also watched by a {@link io.driftway.embedded.process.ProcessReaper}, so a killed test JVM leaves
 * no stray process behind. The servers production code starts too (the Kafka broker, the Flink
 * MiniCluster) live in the {@code embedded} module; this module adds their extensions and the
 * servers only tests need (Kinesis API, S3 API, PostgreSQL, a Flink session cluster).
 *
 * <pre>{@code
 * @ExtendWith(KafkaExtension.class)
 * class OrdersIT {
 *   @Test
 *   void writesOrders(KafkaBroker kafka) {
 *     String topic = kafka.createTopic("orders-" + UUID.randomUUID(), 2);
 *     ...
 *   }
 * }
 * }</pre>
 */
package io.driftway.testsupport;
