package io.driftway.connectors.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void aFileUriWarehouseStaysWhereItPoints(@TempDir Path dir) {
    String warehouse = dir.resolve("lake").toUri().toString();

    Map<String, String> properties =
        IcebergCatalogs.builder("orders").warehouse(warehouse).hadoop().catalogProperties();

    assertThat(properties).containsEntry("warehouse", dir.resolve("lake").toUri().toString());
  }

  @Test
  void aPlainPathWarehouseIsResolvedAgainstTheWorkingFolder() {
    Map<String, String> properties =
        IcebergCatalogs.builder("orders").warehouse("lake/../wh").hadoop().catalogProperties();

    assertThat(properties)
        .containsEntry("warehouse", Path.of("wh").toAbsolutePath().toUri().toString());
  }

  @Test
  void aRelativeFileUriWarehouseIsRefused() {
    assertThatThrownBy(
            () ->
                IcebergCatalogs.builder("orders")
                    .warehouse("file:lake")
                    .hadoop()
                    .catalogProperties())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot build catalog: a file: warehouse must be an absolute file URI such as"
                + " file:///data/lake: file:lake");
  }
}
