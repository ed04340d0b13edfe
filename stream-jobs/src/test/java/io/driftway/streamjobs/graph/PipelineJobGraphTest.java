package io.driftway.streamjobs.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.streamjobs.spec.PipelineSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineJobGraphTest {

  @Test
  void rowsGoFromTrackingIntoTheIcebergSinkWithoutANetworkEdge(@TempDir Path dir) {
    PipelineSpec spec =
        PipelineHarness.spec(
            "graph.yaml",
            """
            name: graph
            sources:
              - kafka:
                  bootstrap-servers: 127.0.0.1:9
                  topics: [orders]
                  group-id: driftway-graph
            routing:
              table: orders
            tables:
              - name: orders
                database: shop
            warehouse:
              location: %s
            catalog:
              type: hadoop
            checkpointing:
              interval: 1s
            parallelism: 2
            """
                .formatted(dir.resolve("warehouse")));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

    PipelineJob.build(env, spec);

    List<String> vertices = new ArrayList<>();
    for (JobVertex vertex : env.getStreamGraph().getJobGraph().getVertices()) {
      vertices.add(vertex.getName());
    }
    // Chained operators share one vertex, named after all of them in order.
    assertThat(vertices)
        .anySatisfy(
            name ->
                assertThat(name)
                    .contains("route, track and conform")
                    .containsPattern("route, track and conform.*graph-iceberg"));
  }
}
