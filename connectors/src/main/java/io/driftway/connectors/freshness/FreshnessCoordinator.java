package io.driftway.connectors.freshness;

import io.driftway.connectors.alerts.AlertDelivery;
import io.driftway.connectors.alerts.AlertSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.flink.CatalogLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The freshness decisions, on the JobManager. It lives as long as the job, across the restarts of
 * its tasks: when the catalog refuses commits, the committer fails at every restart within a
 * fraction of a second, and a monitor inside the tasks restarted with it and never got to decide.
 * Here the catalog is read on a timer whatever the tasks do, and alerts go straight to the
 * pipeline's destinations ({@link AlertDelivery}).
 *
 * <p>All state lives on one thread. Input times and open breaches are part of the job's
 * checkpoints, so a JobManager started again decides as before (same alert ids).
 */
final class FreshnessCoordinator implements OperatorCoordinator {
  private static final Logger LOG = LoggerFactory.getLogger(FreshnessCoordinator.class);

  private final CatalogLoader catalogLoader;
  private final String pipeline;
  private final Map<String, Duration> slos;
  private final AlertSettings alertSettings;
  private final ScheduledExecutorService executor;

  private final Map<String, FreshnessWatch> watches = new LinkedHashMap<>();
  private final Map<String, Long> nextCheck = new HashMap<>();
  private final Map<String, Boolean> readFailing = new HashMap<>();
  private Catalog catalog;
  private boolean catalogFailing;
  private AlertDelivery delivery;
  private volatile SubtaskGateway gateway;
  private ScheduledFuture<?> ticking;

  FreshnessCoordinator(
      Context context,
      CatalogLoader catalogLoader,
      String pipeline,
      Map<String, Duration> slos,
      AlertSettings alertSettings) {
    this.catalogLoader = catalogLoader;
    this.pipeline = pipeline;
    this.slos = Map.copyOf(slos);
    this.alertSettings = alertSettings;
    ClassLoader userCode = context.getUserCodeClassloader();
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "driftway-freshness-" + pipeline);
              thread.setDaemon(true);
              // Iceberg and the AWS SDK find their classes through the context class loader.
              thread.setContextClassLoader(userCode);
              return thread;
            });
  }

  @Override
  public void start() {
    executor.execute(() -> delivery = AlertDelivery.start(alertSettings));
    long every = CommitMonitor.MIN_CHECK.toMillis();
    ticking = executor.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws Exception {
    if (ticking != null) {
      ticking.cancel(false);
    }
    executor
        .submit(
            () -> {
              if (delivery != null) {
                delivery.close();
              }
              if (catalog instanceof AutoCloseable closeable) {
                closeable.close();
              }
              return null;
            })
        .get(1, TimeUnit.MINUTES);
    executor.shutdownNow();
  }

  @Override
  public void handleEventFromOperator(int subtask, int attemptNumber, OperatorEvent event) {
    if (event instanceof MonitorEvents.Input input) {
      executor.execute(() -> onInput(input));
    }
  }

  private void onInput(MonitorEvents.Input input) {
    FreshnessWatch watch = watch(input.table());
    watch.input(input.atMillis());
    if (!nextCheck.containsKey(input.table())) {
      // First sight of the table: read the catalog now, so the gauge has a value at once.
      check(input.table(), watch, System.currentTimeMillis());
    }
  }

  private FreshnessWatch watch(String table) {
    return watches.computeIfAbsent(table, t -> new FreshnessWatch(pipeline, t, slos.get(t)));
  }

  private void tick() {
    try {
      long now = System.currentTimeMillis();
      for (Map.Entry<String, FreshnessWatch> entry : watches.entrySet()) {
        Long due = nextCheck.get(entry.getKey());
        if (due == null || due <= now) {
          check(entry.getKey(), entry.getValue(), now);
        }
      }
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; this one must keep watching.
      LOG.warn("Cannot check the freshness of pipeline {}: {}", pipeline, e.toString(), e);
    }
  }

  private void check(String table, FreshnessWatch watch, long now) {
    nextCheck.put(table, now + CommitMonitor.checkEvery(watch.slo()).toMillis());
    if (catalog == null && !loadCatalog()) {
      return;
    }
    readNewest(table, watch);
    Optional<FreshnessAlert> alert = watch.decide(now);
    alert.ifPresent(delivery::send);
    publish(table, watch);
  }

  /** Opens the catalog; false (logged once) while it cannot, so the next check tries again. */
  private boolean loadCatalog() {
    try {
      catalog = catalogLoader.loadCatalog();
      catalogFailing = false;
      return true;
    } catch (RuntimeException e) {
      if (!catalogFailing) {
        LOG.warn(
            "Cannot open the catalog to watch the freshness of pipeline {}: {}",
            pipeline,
            e.toString());
        catalogFailing = true;
      }
      return false;
    }
  }

  /**
   * Hands the catalog's current snapshot of {@code table} to its watch; keeps the last on error.
   */
  private void readNewest(String table, FreshnessWatch watch) {
    try {
      Snapshot snapshot = catalog.loadTable(TableIdentifier.parse(table)).currentSnapshot();
      watch.newest(
          snapshot == null ? null : snapshot.snapshotId(),
          snapshot == null ? null : snapshot.timestampMillis());
      readFailing.remove(table);
    } catch (NoSuchTableException e) {
      watch.newest(null, null);
    } catch (RuntimeException e) {
      // Observation only: keep the last known commit and try again at the next check.
      if (readFailing.put(table, Boolean.TRUE) == null) {
        LOG.warn("Cannot read the newest commit of {}: {}", table, e.toString());
      }
    }
  }

  private void publish(String table, FreshnessWatch watch) {
    SubtaskGateway current = gateway;
    if (current != null) {
      // The task may be gone by now; its next attempt gets everything again when ready.
      var unused =
          current.sendEvent(
              new MonitorEvents.Seen(
                  table, watch.newestCommit(), watch.slo() == null ? null : watch.breached()));
    }
  }

  @Override
  public void checkpointCoordinator(long checkpointId, CompletableFuture<byte[]> result) {
    executor.execute(
        () -> {
          try {
            result.complete(snapshotState());
          } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
  }

  private byte[] snapshotState() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(watches.size());
      for (Map.Entry<String, FreshnessWatch> entry : watches.entrySet()) {
        out.writeUTF(entry.getKey());
        entry.getValue().write(out);
      }
    }
    return bytes.toByteArray();
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {}

  /**
   * Restores the checkpointed state only into a coordinator that has seen nothing yet (a new
   * JobManager, or a start from a checkpoint). A coordinator that lived through its tasks' restart
   * keeps what it knows: input seen after the checkpoint did happen, and the catalog is read again
   * anyway.
   */
  @Override
  public void resetToCheckpoint(long checkpointId, byte[] checkpointData) {
    if (checkpointData == null) {
      return;
    }
    executor.execute(
        () -> {
          if (!watches.isEmpty()) {
            return;
          }
          try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpointData))) {
            int tables = in.readInt();
            for (int i = 0; i < tables; i++) {
              watch(in.readUTF()).read(in);
            }
          } catch (IOException e) {
            LOG.warn(
                "Cannot restore the freshness state of pipeline {}: {}", pipeline, e.toString());
            watches.clear();
          }
        });
  }

  @Override
  public void subtaskReset(int subtask, long checkpointId) {}

  @Override
  public void executionAttemptFailed(int subtask, int attemptNumber, Throwable reason) {
    gateway = null;
  }

  @Override
  public void executionAttemptReady(int subtask, int attemptNumber, SubtaskGateway ready) {
    gateway = ready;
    executor.execute(() -> watches.forEach(this::publish));
  }

  /** Creates the coordinator on the JobManager; travels with the job graph. */
  static final class Provider implements OperatorCoordinator.Provider {
    private static final long serialVersionUID = 1L;

    private final OperatorID operatorId;
    private final CatalogLoader catalogLoader;
    private final String pipeline;
    private final HashMap<String, Duration> slos;
    private final AlertSettings alertSettings;

    Provider(
        OperatorID operatorId,
        CatalogLoader catalogLoader,
        String pipeline,
        Map<String, Duration> slos,
        AlertSettings alertSettings) {
      this.operatorId = operatorId;
      this.catalogLoader = catalogLoader;
      this.pipeline = pipeline;
      this.slos = new HashMap<>(slos);
      this.alertSettings = alertSettings;
    }

    @Override
    public OperatorID getOperatorId() {
      return operatorId;
    }

    @Override
    public OperatorCoordinator create(Context context) {
      return new FreshnessCoordinator(context, catalogLoader, pipeline, slos, alertSettings);
    }
  }
}
