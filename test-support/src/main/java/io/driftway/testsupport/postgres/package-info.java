/** A real PostgreSQL server (binaries from Maven Central) for tests. */
package io.driftway.testsupport.postgres;
