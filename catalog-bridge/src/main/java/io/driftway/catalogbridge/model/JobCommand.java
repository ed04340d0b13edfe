package io.driftway.catalogbridge.model;

/**
 * A Glue {@code JobCommand}: what a job runs. Driftway's backfill launcher reads {@code Name}
 * ({@code driftway-backfill}) and {@code ScriptLocation} (a pipeline file, when the job has one).
 */
public record JobCommand(
    String name, String scriptLocation, String pythonVersion, String runtime) {}
