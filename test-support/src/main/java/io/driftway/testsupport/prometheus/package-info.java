/** A real Prometheus server (the Debian package's binary) that scrapes the endpoints of a test. */
package io.driftway.testsupport.prometheus;
