package io.driftway.streamjobs.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.streamjobs.spec.PipelineSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineJobGraphTest {

  @Test
  void rowsGoFromTrackingIntoTheIcebergSinkWithoutANetworkEdge(@TempDir Path dir) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

    PipelineJob.build(env, spec(dir, ""));

    List<String> vertices = new ArrayList<>();
    for (JobVertex vertex : env.getStreamGraph().getJobGraph().getVertices()) {
      vertices.add(vertex.getName());
    }
    // Chained operators share one vertex, named after all of them in order: the columnar writer
    // takes the fast path's rows only when they reach the sink's writer as they left tracking.
    assertThat(vertices)
        .anySatisfy(
            name ->
                assertThat(name)
                    .contains("route, track and conform")
                    .containsPattern("route, track and conform.*graph-iceberg"));
  }

  /** A savepoint taken on one write path restores on the other: the operators are the same. */
  @Test
  void bothWritePathsBuildTheSameOperatorsWithTheSameUids(@TempDir Path dir) {
    assertThat(uids(spec(dir, "sink:\n  write-path: rows\n")))
        .isEqualTo(uids(spec(dir, "sink:\n  write-path: columnar\n")))
        .contains("graph-track", "graph-iceberg--generator", "graph-iceberg--sink");
  }

  private static List<String> uids(PipelineSpec spec) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    PipelineJob.build(env, spec);
    List<String> uids = new ArrayList<>();
    for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
      uids.add(node.getTransformationUID());
    }
    return uids;
  }

  private static PipelineSpec spec(Path dir, String extra) {
    return PipelineHarness.spec(
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
                .formatted(dir.resolve("warehouse"))
            + extra);
  }
}
