package io.driftway.connectors.tracking;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JobManager side of the tracking operator: the meeting point where the subtasks' schema
 * settles of one checkpoint are joined ({@link SettleRounds}), so the table moves the same way
 * whichever subtask read which record. It keeps nothing in checkpoints: the records a round is
 * about are in the subtasks' state, and after a restore the subtasks propose them again.
 *
 * <p>All bookkeeping runs on one thread of its own. A round still open when a newer checkpoint
 * starts belongs to a checkpoint that ended without every subtask (Driftway takes one checkpoint at
 * a time, Flink's default), and is decided with the proposals it has.
 */
final class SettleCoordinator implements OperatorCoordinator {
  private static final Logger LOG = LoggerFactory.getLogger(SettleCoordinator.class);

  private final ExecutorService executor;
  private final SubtaskGateway[] gateways;
  private final int[] attempts;
  private final SettleRounds rounds;

  SettleCoordinator(Context context) {
    int parallelism = context.currentParallelism();
    this.gateways = new SubtaskGateway[parallelism];
    this.attempts = new int[parallelism];
    this.rounds = new SettleRounds(parallelism);
    this.executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "driftway-settle-" + context.getOperatorId());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public void start() {}

  @Override
  public void close() throws Exception {
    executor.shutdownNow();
    executor.awaitTermination(1, TimeUnit.MINUTES);
  }

  @Override
  public void handleEventFromOperator(int subtask, int attemptNumber, OperatorEvent event) {
    if (event instanceof SettleEvents.Propose propose) {
      executor.execute(
          () -> {
            if (attemptNumber != attempts[subtask]) {
              // From an attempt that failed since: its new attempt proposes again.
              return;
            }
            send(rounds.propose(subtask, propose.round(), SchemaCodec.decode(propose.schemas())));
          });
    }
  }

  @Override
  public void checkpointCoordinator(long checkpointId, CompletableFuture<byte[]> result) {
    executor.execute(
        () -> {
          // A round still open belongs to a checkpoint that ended without every subtask: decide
          // it now, so the answers reach the subtasks before this checkpoint's barriers.
          send(rounds.decideUpTo(checkpointId - 1));
          result.complete(new byte[0]);
        });
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {}

  @Override
  public void notifyCheckpointAborted(long checkpointId) {
    executor.execute(() -> send(rounds.decideUpTo(checkpointId)));
  }

  @Override
  public void resetToCheckpoint(long checkpointId, byte[] checkpointData) {
    executor.execute(rounds::resetAll);
  }

  @Override
  public void subtaskReset(int subtask, long checkpointId) {
    executor.execute(() -> rounds.reset(subtask));
  }

  @Override
  public void executionAttemptFailed(int subtask, int attemptNumber, Throwable reason) {
    executor.execute(
        () -> {
          if (attempts[subtask] == attemptNumber) {
            gateways[subtask] = null;
          }
          rounds.reset(subtask);
        });
  }

  @Override
  public void executionAttemptReady(int subtask, int attemptNumber, SubtaskGateway gateway) {
    executor.execute(
        () -> {
          attempts[subtask] = attemptNumber;
          gateways[subtask] = gateway;
        });
  }

  private void send(List<SettleRounds.Answer> answers) {
    for (SettleRounds.Answer answer : answers) {
      SubtaskGateway gateway = gateways[answer.subtask()];
      if (gateway == null) {
        LOG.warn(
            "Cannot answer settle round {} of subtask {}: it is not running",
            answer.round(),
            answer.subtask());
        continue;
      }
      // A send that fails means the subtask failed: its next attempt proposes again.
      var unused =
          gateway.sendEvent(
              new SettleEvents.Decision(answer.round(), SchemaCodec.encode(answer.schemas())));
    }
  }

  /** Creates the coordinator on the JobManager; travels with the job graph. */
  static final class Provider implements OperatorCoordinator.Provider {
    private static final long serialVersionUID = 1L;

    private final OperatorID operatorId;

    Provider(OperatorID operatorId) {
      this.operatorId = operatorId;
    }

    @Override
    public OperatorID getOperatorId() {
      return operatorId;
    }

    @Override
    public OperatorCoordinator create(Context context) {
      return new SettleCoordinator(context);
    }
  }
}
