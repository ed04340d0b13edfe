/**
 * {@code ./load-tests/bench profile}: the CPU samples of JFR recordings grouped by package, for
 * instance those {@code ./load-tests/bench peers} records with {@code BENCH_JFR}. Entry point:
 * {@link io.driftway.loadtests.profile.JfrProfile}.
 */
package io.driftway.loadtests.profile;
