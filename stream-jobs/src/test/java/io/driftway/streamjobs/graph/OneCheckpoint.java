package io.driftway.streamjobs.graph;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.streamjobs.backfill.BackfillRunner;
import io.driftway.streamjobs.backfill.BackfillSummary;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.client.JobStatusMessage;

/**
 * Runs a backfill whose pipeline checkpoints rarely ({@code interval: 1h}) so that every record
 * falls in one checkpoint: once the run has read {@code records}, this takes that checkpoint, and
 * the run commits and finishes. Schema moves settle per checkpoint, so tests that need "all of
 * these in one checkpoint" get it without depending on timing.
 *
 * <pre>{@code
 * BackfillSummary run = OneCheckpoint.run(flink, BackfillRunner.builder(pipeline, spec), 42);
 * }</pre>
 */
public final class OneCheckpoint {

  private OneCheckpoint() {}

  public static BackfillSummary run(
      FlinkCluster flink, BackfillRunner.Builder builder, long records) throws Exception {
    AtomicBoolean taken = new AtomicBoolean();
    BackfillRunner runner =
        builder
            .flink(flink.restAddress())
            .progress(
                progress -> {
                  if (progress.records() >= records && taken.compareAndSet(false, true)) {
                    checkpoint(flink);
                  }
                },
                Duration.ofMillis(200))
            .build();
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return runner.run();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .get(3, TimeUnit.MINUTES);
  }

  private static void checkpoint(FlinkCluster flink) {
    try {
      for (JobStatusMessage job : flink.miniCluster().listJobs().get()) {
        if (job.getJobState() == JobStatus.RUNNING) {
          flink.miniCluster().triggerCheckpoint(job.getJobId()).get(2, TimeUnit.MINUTES);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("Cannot take the checkpoint", e);
    }
  }
}
