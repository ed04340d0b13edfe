package io.driftway.connectors.tracking;

import io.driftway.connectors.source.RawRecord;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.operators.coordination.OperatorEventGateway;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.CoordinatedOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;

/**
 * Makes the settling {@link TrackAndConformOperator} and, on the JobManager, its {@link
 * SettleCoordinator}. The operator stays chained behind the source, so each source partition passes
 * one subtask in order.
 */
final class TrackAndConformFactory extends AbstractStreamOperatorFactory<SinkRecord>
    implements CoordinatedOperatorFactory<SinkRecord>,
        OneInputStreamOperatorFactory<RawRecord, SinkRecord> {
  private static final long serialVersionUID = 1L;

  private final TrackAndConform tracking;
  private final CheckpointTables checkpointTables;

  TrackAndConformFactory(TrackAndConform tracking, CheckpointTables checkpointTables) {
    this.tracking = tracking;
    this.checkpointTables = checkpointTables;
    setChainingStrategy(ChainingStrategy.ALWAYS);
  }

  @Override
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // Flink's signature
  public <T extends StreamOperator<SinkRecord>> T createStreamOperator(
      StreamOperatorParameters<SinkRecord> parameters) {
    OperatorID id = parameters.getStreamConfig().getOperatorID();
    OperatorEventGateway gateway =
        parameters.getOperatorEventDispatcher().getOperatorEventGateway(id);
    // The coordinator's answers arrive as mails of the lowest priority; waiting for one must be
    // able to run them.
    TrackAndConformOperator operator =
        new TrackAndConformOperator(
            parameters,
            tracking,
            checkpointTables,
            gateway,
            parameters
                .getContainingTask()
                .getMailboxExecutorFactory()
                .createExecutor(TaskMailbox.MIN_PRIORITY));
    parameters.getOperatorEventDispatcher().registerEventHandler(id, operator);
    return (T) operator;
  }

  @Override
  public OperatorCoordinator.Provider getCoordinatorProvider(
      String operatorName, OperatorID operatorId) {
    return new SettleCoordinator.Provider(operatorId);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
    return TrackAndConformOperator.class;
  }
}
