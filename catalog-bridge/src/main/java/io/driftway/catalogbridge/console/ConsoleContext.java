package io.driftway.catalogbridge.console;

import io.driftway.catalogbridge.api.GlueApi;
import io.driftway.catalogbridge.console.quarantine.QuarantineAccess;
import io.driftway.catalogbridge.storage.WarehouseFiles;
import java.time.Clock;
import java.util.Objects;

/**
 * What pages read from and act on: the bridge's Glue operations (always called as the signed-in
 * principal, see {@link ConsoleRequest#glue}), the warehouse files for Iceberg metadata, and the
 * clock. Immutable; built once when the bridge starts.
 *
 * @param api the Glue operations the bridge serves
 * @param driftway Driftway's own operations ({@code ListAlerts}, ...), see {@link GlueApi#driftway}
 * @param files reads Iceberg metadata files
 * @param clock for ages and session expiry
 * @param quarantine reads and acts on pipelines' quarantines ({@code stream-jobs} plugs it in)
 */
public record ConsoleContext(
    GlueApi api, GlueApi driftway, WarehouseFiles files, Clock clock, QuarantineAccess quarantine) {

  public ConsoleContext {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(driftway, "driftway");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(quarantine, "quarantine");
  }

  /** A context without quarantine access. */
  public ConsoleContext(GlueApi api, GlueApi driftway, WarehouseFiles files, Clock clock) {
    this(api, driftway, files, clock, QuarantineAccess.none());
  }
}
