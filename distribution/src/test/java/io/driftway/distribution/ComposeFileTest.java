package io.driftway.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.platform.config.Configuration;
import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml as far as it can be checked without pulling images (smoke.sh also runs {@code
 * docker compose config} on it): the stack's services, our two images where they belong, the files
 * it mounts present, and the pipeline and bridge configs it mounts loading with Driftway's own
 * loaders, so a key renamed in the code cannot leave the stack behind.
 */
class ComposeFileTest {

  private static final Path DOCKER =
      Path.of(System.getProperty("driftway.repo.root", "..")).resolve("docker");

  /** The ${...} values the stack's services set in their environment. */
  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "DRIFTWAY_PIPELINE_SECRET", "local-pipeline-secret",
          "DRIFTWAY_ANALYST_SECRET", "local-analyst-secret",
          "DRIFTWAY_CATALOG_DB_PASSWORD", "local-db-password");

  @Test
  void runsTheWholeStackOnOurTwoImages() throws IOException {
    Map<String, Map<String, Object>> services = services();

    assertThat(services)
        .containsOnlyKeys(
            "kafka",
            "s3",
            "s3-buckets",
            "catalog-db",
            "catalog",
            "jobmanager",
            "taskmanager",
            "prometheus",
            "grafana");
    assertThat(services.get("catalog").get("image"))
        .isEqualTo("driftway:${DRIFTWAY_VERSION:-0.1.0-SNAPSHOT}");
    assertThat(services.get("jobmanager").get("image"))
        .isEqualTo("driftway-flink:${DRIFTWAY_VERSION:-0.1.0-SNAPSHOT}");
    assertThat(services.get("taskmanager").get("image"))
        .isEqualTo(services.get("jobmanager").get("image"));
    assertThat(services.get("jobmanager").get("command"))
        .isEqualTo(
            List.of(
                "standalone-job",
                "--job-classname",
                "io.driftway.streamjobs.graph.PipelineApplication",
                "/etc/driftway/pipeline.yaml"));
  }

  @Test
  void mountsOnlyFilesThatExist() throws IOException {
    for (Map<String, Object> service : services().values()) {
      @SuppressWarnings("unchecked") // compose volumes: a list of "source:target[:mode]" strings
      List<String> volumes = (List<String>) service.getOrDefault("volumes", List.of());
      for (String volume : volumes) {
        String source = volume.substring(0, volume.indexOf(':'));
        if (source.startsWith("./")) {
          assertThat(DOCKER.resolve(source)).as(volume).isRegularFile();
        }
      }
    }
  }

  @Test
  void theExamplePipelineLoadsAndFitsTheStack() throws IOException {
    Path file = DOCKER.resolve("compose/pipeline.yaml");

    PipelineSpec spec =
        PipelineSpecLoader.parse(
            file.toString(), Files.readString(file, StandardCharsets.UTF_8), ENVIRONMENT::get);
    PipelineJob.validate(spec);
    PipelineJob.checkStreaming(spec);

    assertThat(spec.name()).isEqualTo("orders");
    assertThat(spec.warehouse().location()).isEqualTo("s3://driftway-warehouse/warehouse");
    assertThat(spec.catalog().endpoint()).hasValueSatisfying(e -> assertThat(e).hasHost("catalog"));
    assertThat(spec.catalog().secretAccessKey()).hasValue("local-pipeline-secret");
  }

  @Test
  void theBridgeConfigLoads() throws IOException {
    Path file = DOCKER.resolve("compose/catalog.yaml");

    Configuration config;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      config = Configuration.fromYaml(reader, file.toString(), BridgeOptions.all(), ENVIRONMENT);
    }

    assertThat(config.get(BridgeOptions.SERVER_HOST)).isEqualTo("0.0.0.0");
    assertThat(config.get(BridgeOptions.AUTH_MODE)).isEqualTo(AuthMode.SIGV4);
    assertThat(config.get(BridgeOptions.STORE_URL))
        .isEqualTo("jdbc:postgresql://catalog-db:5432/driftway_catalog");
    assertThat(config.get(BridgeOptions.STORE_PASSWORD)).isEqualTo("local-db-password");
  }

  @SuppressWarnings("unchecked") // compose.yaml's top level: services by name
  private static Map<String, Map<String, Object>> services() throws IOException {
    try (Reader reader =
        Files.newBufferedReader(DOCKER.resolve("compose.yaml"), StandardCharsets.UTF_8)) {
      Map<String, Object> compose = new Yaml().load(reader);
      return (Map<String, Map<String, Object>>) compose.get("services");
    }
  }
}
