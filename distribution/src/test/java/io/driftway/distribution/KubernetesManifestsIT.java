package io.driftway.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkVersion;
import org.apache.flink.kubernetes.operator.api.spec.KubernetesDeploymentMode;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker/k8s as kubectl renders it: the FlinkDeployment parses with the Flink Kubernetes Operator's
 * own API classes (no unknown field anywhere), and what the pods reference (ConfigMaps, Secrets,
 * ports) is in the same rendering.
 */
class KubernetesManifestsIT {

  private static final Path K8S =
      Path.of(System.getProperty("driftway.repo.root", "..")).resolve("docker/k8s");

  private static final ObjectMapper YAML = new YAMLMapper();

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/production"})
  void rendersAFlinkDeploymentTheOperatorAcceptsAndABridgeWithItsConfigAndKeys(String folder)
      throws Exception {
    List<JsonNode> documents = render(K8S.resolve(folder));
    assertThat(documents)
        .extracting(d -> d.path("kind").asText() + "/" + d.path("metadata").path("name").asText())
        .containsExactlyInAnyOrder(
            "FlinkDeployment/driftway-orders",
            "ConfigMap/driftway-orders-pipeline",
            "ConfigMap/driftway-catalog-config",
            "Secret/driftway-catalog",
            "Deployment/driftway-catalog",
            "Service/driftway-catalog");

    JsonNode flinkDocument = one(documents, "FlinkDeployment");
    List<String> versions = new ArrayList<>();
    FlinkDeployment flink = parse(flinkDocument, versions);
    var spec = flink.getSpec();
    // Operator API 1.10.0, the newest on Maven Central here, knows Flink versions up to v1_20;
    // Flink 2.1 needs operator 1.13+, whose enum has v2_1. Every other field is checked strictly.
    assertThat(versions).containsExactly("v2_1");
    assertThat(spec.getMode()).isEqualTo(KubernetesDeploymentMode.NATIVE);
    assertThat(spec.getJob().getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(spec.getJob().getJarURI())
        .isEqualTo("local:///opt/flink/usrlib/driftway-flink-job.jar");
    assertThat(spec.getJob().getEntryClass())
        .isEqualTo("io.driftway.streamjobs.graph.PipelineApplication");
    Map<String, String> config = spec.getFlinkConfiguration();
    assertThat(config)
        .containsEntry("high-availability.type", "kubernetes")
        .containsEntry(
            "metrics.reporter.prom.factory.class",
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    assertThat(config.get("high-availability.storageDir")).startsWith("s3://");
    assertThat(config.get("execution.checkpointing.dir")).startsWith("s3://");
    assertThat(config.get("execution.checkpointing.savepoint-dir")).startsWith("s3://");
    String metricsPort = config.get("metrics.reporter.prom.port");
    assertThat(spec.getPodTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", metricsPort);
    var main = spec.getPodTemplate().getSpec().getContainers().get(0);
    assertThat(main.getName()).isEqualTo("flink-main-container");
    assertThat(main.getPorts())
        .anySatisfy(p -> assertThat(p.getContainerPort()).hasToString(metricsPort));
    assertThat(spec.getPodTemplate().getSpec().getVolumes())
        .anySatisfy(
            v -> assertThat(v.getConfigMap().getName()).isEqualTo("driftway-orders-pipeline"));
    assertThat(main.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/opt/driftway/pipeline"));
    assertThat(spec.getJob().getArgs()).containsExactly("/opt/driftway/pipeline/pipeline.yaml");
    assertThat(
            one(documents, "ConfigMap", "driftway-orders-pipeline")
                .path("data")
                .has("pipeline.yaml"))
        .isTrue();

    JsonNode bridge = one(documents, "Deployment").path("spec").path("template").path("spec");
    JsonNode container = bridge.path("containers").get(0);
    assertThat(container.path("args").toString())
        .isEqualTo("[\"catalog\",\"serve\",\"--config\",\"/etc/driftway/catalog.yaml\"]");
    assertThat(container.path("envFrom").get(0).path("secretRef").path("name").asText())
        .isEqualTo("driftway-catalog");
    assertThat(bridge.path("volumes").get(0).path("configMap").path("name").asText())
        .isEqualTo("driftway-catalog-config");
    assertThat(
            one(documents, "ConfigMap", "driftway-catalog-config").path("data").has("catalog.yaml"))
        .isTrue();
    JsonNode service = one(documents, "Service").path("spec");
    assertThat(service.path("ports").get(0).path("targetPort").asText())
        .isEqualTo(container.path("ports").get(0).path("name").asText());
    assertThat(service.path("selector"))
        .isEqualTo(one(documents, "Deployment").path("spec").path("selector").path("matchLabels"));
  }

  /** Strict: any field the operator's classes do not know fails, except the Flink version. */
  private static FlinkDeployment parse(JsonNode document, List<String> unknownFlinkVersions)
      throws Exception {
    ObjectMapper strict =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addHandler(
                new DeserializationProblemHandler() {
                  @Override
                  public Object handleWeirdStringValue(
                      DeserializationContext context,
                      Class<?> targetType,
                      String value,
                      String failureMessage) {
                    if (targetType == FlinkVersion.class) {
                      unknownFlinkVersions.add(value);
                      return null;
                    }
                    return NOT_HANDLED;
                  }
                });
    try (JsonParser parser = strict.treeAsTokens(document)) {
      return strict.readValue(parser, FlinkDeployment.class);
    }
  }

  private static List<JsonNode> render(Path folder) throws Exception {
    Optional<Path> kubectl =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(dir -> Path.of(dir, "kubectl"))
            .filter(Files::isExecutable)
            .findFirst();
    Assumptions.assumeTrue(
        kubectl.isPresent(),
        "kubectl is not installed (.ci/run installs Debian's kubernetes-client): cannot render"
            + " docker/k8s");
    Process process =
        new ProcessBuilder(kubectl.get().toString(), "kustomize", folder.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String rendered;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      rendered = out.lines().collect(Collectors.joining("\n"));
    }
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("kubectl kustomize finishes").isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize %s: %s", folder, rendered).isZero();
    List<JsonNode> documents = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(rendered)) {
      while (values.hasNext()) {
        JsonNode document = values.next();
        if (document instanceof ObjectNode) {
          documents.add(document);
        }
      }
    }
    return documents;
  }

  private static JsonNode one(List<JsonNode> documents, String kind) {
    List<JsonNode> found =
        documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    assertThat(found).as(kind).hasSize(1);
    return found.get(0);
  }

  private static JsonNode one(List<JsonNode> documents, String kind, String name) {
    List<JsonNode> found =
        documents.stream()
            .filter(d -> kind.equals(d.path("kind").asText()))
            .filter(d -> name.equals(d.path("metadata").path("name").asText()))
            .toList();
    assertThat(found).as(kind + "/" + name).hasSize(1);
    return found.get(0);
  }
}
