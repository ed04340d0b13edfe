/**
 * Child processes for embedded servers: start with a log file, stop reliably, never outlive the
 * JVM.
 */
package io.driftway.embedded.process;
