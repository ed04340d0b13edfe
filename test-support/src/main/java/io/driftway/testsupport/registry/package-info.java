/** A Confluent-compatible Schema Registry (the read endpoints only) on 127.0.0.1 for tests. */
package io.driftway.testsupport.registry;
