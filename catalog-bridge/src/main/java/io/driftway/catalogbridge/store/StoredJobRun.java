package io.driftway.catalogbridge.store;

import io.driftway.catalogbridge.model.JobRun;

/** A job run with its position among its job's runs (later runs have larger positions). */
public record StoredJobRun(long seq, JobRun run) {}
