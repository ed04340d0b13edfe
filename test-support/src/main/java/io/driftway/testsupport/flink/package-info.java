/** A Flink MiniCluster with its REST endpoint on 127.0.0.1, shared by the tests of one JVM. */
package io.driftway.testsupport.flink;
