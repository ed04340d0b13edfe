/**
 * Child processes for test servers: start with a log file, stop reliably, never outlive the JVM.
 */
package io.driftway.testsupport.process;
