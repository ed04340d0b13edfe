package io.driftway.loadtests.peers;

/** The systems the peers bench compares. */
public enum Peer {
  /** Apache Iceberg's Kafka Connect sink in a Kafka Connect standalone worker. */
  KAFKA_CONNECT("kc", "Iceberg Kafka Connect sink"),
  /** Flink's JSON format into a fixed schema, Iceberg's IcebergSink. */
  STATIC("static", "static-schema Flink job"),
  /** Driftway's pipeline. */
  DRIFTWAY("driftway", "Driftway");

  private final String key;
  private final String title;

  Peer(String key, String title) {
    this.key = key;
    this.title = title;
  }

  /** The short name used in keys and options: {@code kc}, {@code static}, {@code driftway}. */
  public String key() {
    return key;
  }

  public String title() {
    return title;
  }

  /** The peer whose key is {@code key}. */
  public static Peer of(String key) {
    for (Peer peer : values()) {
      if (peer.key.equals(key.trim())) {
        return peer;
      }
    }
    throw new IllegalArgumentException(
        "Cannot parse peer: expected kc, static or driftway: " + key);
  }
}
