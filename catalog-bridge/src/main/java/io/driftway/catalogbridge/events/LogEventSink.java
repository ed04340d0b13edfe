package io.driftway.catalogbridge.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each event as one EventBridge-shaped JSON line to the {@code driftway.catalog.events}
 * logger.
 */
public final class LogEventSink implements CatalogEventSink {

  private static final Logger LOG = LoggerFactory.getLogger("io.driftway.catalogbridge.events");

  private final String account;
  private final String region;

  public LogEventSink(String account, String region) {
    this.account = account;
    this.region = region;
  }

  @Override
  public void accept(CatalogEvent event) {
    LOG.info("{}", event.toEventBridgeJson(account, region));
  }
}
