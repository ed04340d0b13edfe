/** A real S3 API server (S3Proxy on a filesystem backend, SigV4 checked) for tests. */
package io.driftway.testsupport.s3;
