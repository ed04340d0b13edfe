/** {@code driftway demo}: the whole product on one machine, with drifting sample data. */
package io.driftway.streamjobs.demo;
