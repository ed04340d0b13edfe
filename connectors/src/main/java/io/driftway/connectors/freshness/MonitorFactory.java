package io.driftway.connectors.freshness;

import io.driftway.connectors.alerts.AlertSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.operators.coordination.OperatorEventGateway;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.CoordinatedOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.iceberg.flink.CatalogLoader;

/** Makes the {@link MonitorOperator} and, on the JobManager, its {@link FreshnessCoordinator}. */
final class MonitorFactory extends AbstractStreamOperatorFactory<Void>
    implements CoordinatedOperatorFactory<Void>,
        OneInputStreamOperatorFactory<TableActivity, Void> {
  private static final long serialVersionUID = 1L;

  private final CatalogLoader catalogLoader;
  private final String pipeline;
  private final HashMap<String, Duration> slos;
  private final AlertSettings alertSettings;

  MonitorFactory(
      CatalogLoader catalogLoader,
      String pipeline,
      Map<String, Duration> slos,
      AlertSettings alertSettings) {
    this.catalogLoader = catalogLoader;
    this.pipeline = pipeline;
    this.slos = new HashMap<>(slos);
    this.alertSettings = alertSettings;
  }

  @Override
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // Flink's signature
  public <T extends StreamOperator<Void>> T createStreamOperator(
      StreamOperatorParameters<Void> parameters) {
    OperatorID id = parameters.getStreamConfig().getOperatorID();
    OperatorEventGateway gateway =
        parameters.getOperatorEventDispatcher().getOperatorEventGateway(id);
    MonitorOperator operator = new MonitorOperator(parameters, gateway);
    parameters.getOperatorEventDispatcher().registerEventHandler(id, operator);
    return (T) operator;
  }

  @Override
  public OperatorCoordinator.Provider getCoordinatorProvider(
      String operatorName, OperatorID operatorId) {
    return new FreshnessCoordinator.Provider(
        operatorId, catalogLoader, pipeline, slos, alertSettings);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
    return MonitorOperator.class;
  }
}
