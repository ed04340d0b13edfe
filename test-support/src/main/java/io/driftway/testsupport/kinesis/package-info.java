/** A real Kinesis API server (kinesalite, from the npm registry) for tests. */
package io.driftway.testsupport.kinesis;
