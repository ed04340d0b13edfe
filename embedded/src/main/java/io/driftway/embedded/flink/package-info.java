/** A Flink MiniCluster in this JVM with its REST endpoint on 127.0.0.1. */
package io.driftway.embedded.flink;
