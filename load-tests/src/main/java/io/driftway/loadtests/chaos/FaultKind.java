package io.driftway.loadtests.chaos;

/** The faults the chaos bench injects, each of a kind the fault-injection ITs prove one by one. */
enum FaultKind {
  /** SIGKILL of the whole {@code driftway run} JVM, then {@code driftway run} again. */
  KILL_RUN("kill-run"),
  /** The next UpdateTable calls fail before the catalog applies them (the bridge answers 500). */
  COMMIT_REFUSED("commit-refused"),
  /** The next UpdateTable calls are applied, then the connection closes unanswered. */
  COMMIT_UNKNOWN("commit-unknown"),
  /** The catalog bridge stops and comes back on its port a few seconds later. */
  BRIDGE_RESTART("bridge-restart"),
  /** The Kafka broker process stops and starts again on its port and data. */
  KAFKA_RESTART("kafka-restart"),
  /**
   * S3Proxy (warehouse and checkpoints) is killed and comes back on its port a few seconds later.
   */
  S3PROXY_RESTART("s3proxy-restart");

  private final String key;

  FaultKind(String key) {
    this.key = key;
  }

  /** The name in the bench's output. */
  String key() {
    return key;
  }
}
