/**
 * Local servers that Driftway starts for itself: a Kafka broker process for {@code driftway demo},
 * a Flink MiniCluster for a backfill that names no cluster, and the child-process plumbing behind
 * them. Production code, benchmarks and tests share them; JUnit wiring stays in test-support.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"));
 *     FlinkCluster flink = FlinkCluster.start()) {
 *   kafka.createTopic("orders", 2);
 *   StreamExecutionEnvironment env = flink.environment(2);
 * }
 * }</pre>
 */
package io.driftway.embedded;
