package io.driftway.catalogbridge.model;

/** A Glue {@code NotificationProperty}; kept and answered, not acted on. */
public record NotificationProperty(Integer notifyDelayAfter) {}
