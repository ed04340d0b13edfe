package io.driftway.catalogbridge.model;

import java.util.Map;

/**
 * A Glue {@code JobUpdate}: the definition of a job without its name and times. CreateJob sends the
 * same members at the top level; UpdateJob sends them as {@code JobUpdate} and replaces the whole
 * definition (a member left out goes back to its default, as in Glue).
 */
public record JobUpdate(
    String jobMode,
    String description,
    String logUri,
    String role,
    ExecutionProperty executionProperty,
    JobCommand command,
    Map<String, String> defaultArguments,
    Map<String, String> nonOverridableArguments,
    ConnectionsList connections,
    Integer maxRetries,
    Integer allocatedCapacity,
    Integer timeout,
    Double maxCapacity,
    String workerType,
    Integer numberOfWorkers,
    String securityConfiguration,
    NotificationProperty notificationProperty,
    String glueVersion,
    String executionClass) {

  public JobUpdate {
    defaultArguments = Copies.map(defaultArguments);
    nonOverridableArguments = Copies.map(nonOverridableArguments);
  }
}
