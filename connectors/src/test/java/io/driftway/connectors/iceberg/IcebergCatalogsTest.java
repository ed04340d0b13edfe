package io.driftway.connectors.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IcebergCatalogsTest {

  @Test
  void icebergsAwsClientsGetApachesClientWithThePlatformTimeouts() {
    Map<String, String> properties =
        IcebergCatalogs.builder("orders")
            .warehouse("s3://lake/warehouse")
            .s3(Optional.of(URI.create("http://127.0.0.1:9000")), Optional.of("us-east-1"), true)
            .glue(Optional.empty(), Optional.of("us-east-1"))
            .catalogProperties();

    assertThat(properties)
        .containsEntry("http-client.type", "apache")
        .containsEntry("http-client.apache.connection-timeout-ms", "10000")
        .containsEntry("http-client.apache.socket-timeout-ms", "60000")
        .containsEntry("s3.endpoint", "http://127.0.0.1:9000")
        .containsEntry("s3.path-style-access", "true");
  }

  @Test
  void aGivenTimeoutPropertyWins() {
    Map<String, String> properties =
        IcebergCatalogs.builder("orders")
            .warehouse("s3://lake/warehouse")
            .glue(Optional.empty(), Optional.of("us-east-1"))
            .property("http-client.apache.socket-timeout-ms", "5000")
            .catalogProperties();

    assertThat(properties).containsEntry("http-client.apache.socket-timeout-ms", "5000");
  }
}
