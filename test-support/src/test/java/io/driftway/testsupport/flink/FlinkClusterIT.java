package io.driftway.testsupport.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.flink.FlinkCluster;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlinkExtension.class)
class FlinkClusterIT {

  @Test
  void runsAJobSubmittedThroughRest(FlinkCluster flink) throws Exception {
    StreamExecutionEnvironment env = flink.environment(2);
    List<Long> squares =
        env.fromSequence(1, 100).map(n -> n * n).returns(Long.class).executeAndCollect(1000);
    assertThat(squares).hasSize(100).contains(1L, 2500L, 10000L);
    assertThat(flink.restAddress().getHost()).isEqualTo("127.0.0.1");
  }
}
