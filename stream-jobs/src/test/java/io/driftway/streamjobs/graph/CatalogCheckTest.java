package io.driftway.streamjobs.graph;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.embedded.process.FreePorts;
import io.driftway.streamjobs.spec.PipelineSpec;
import org.junit.jupiter.api.Test;

class CatalogCheckTest {

  @Test
  void anUnreachableCatalogStopsTheStartWithWhatToCheck() {
    String endpoint = "http://127.0.0.1:" + FreePorts.next();
    PipelineSpec spec =
        PipelineHarness.spec(
            "down.yaml",
            """
            name: down
            sources:
              - kafka:
                  bootstrap-servers: 127.0.0.1:9
                  topics: [orders]
            routing:
              table: orders
            tables:
              - name: orders
                database: shop
            warehouse:
              location: s3://lake/warehouse
              s3-endpoint: %s
              s3-region: us-east-1
              s3-path-style: true
              access-key-id: driftway-test
              secret-access-key: driftway-test-secret
            catalog:
              type: glue
              endpoint: %s
              region: us-east-1
            """
                .formatted(endpoint, endpoint));

    assertThatThrownBy(() -> PipelineJob.checkExistingTables(spec))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "Cannot check pipeline against its catalog: the catalog cannot be read (check"
                + " catalog.endpoint or catalog.uri, its credentials, and that it is up): down:"
                + " ConnectException: Connection refused");
  }
}
