package io.driftway.streamjobs.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.platform.config.Configuration;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * boto3 (Debian's {@code python3-boto3}) creates a Glue job and starts a run against the catalog
 * bridge, whose launcher runs the backfill on the Flink MiniCluster: the run SUCCEEDS, GetJobRuns
 * lists it, and the rows are in the table the bridge catalogs.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class, FlinkExtension.class})
class GlueJobRunBackfillIT {

  private static final String SCRIPT =
      """
      import json, os, time, boto3
      glue = boto3.client("glue", endpoint_url=os.environ["BRIDGE"], region_name="us-east-1",
                          aws_access_key_id="driftway", aws_secret_access_key="driftway")
      glue.create_job(Name=os.environ["JOB"], Role="arn:aws:iam::123456789012:role/driftway",
                      Command={"Name": "glueetl", "ScriptLocation": "s3://scripts/backfill.py"},
                      DefaultArguments={"--pipeline": os.environ["PIPELINE"]})
      arguments = {"--source": os.environ["SOURCE"]}
      if os.environ.get("FROM"):
          arguments["--from"] = os.environ["FROM"]
      run_id = glue.start_job_run(JobName=os.environ["JOB"], Arguments=arguments)["JobRunId"]
      deadline = time.time() + 100
      while True:
          run = glue.get_job_run(JobName=os.environ["JOB"], RunId=run_id)["JobRun"]
          if run["JobRunState"] in ("SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR"):
              break
          if time.time() > deadline:
              break
          time.sleep(0.5)
      runs = glue.get_job_runs(JobName=os.environ["JOB"])["JobRuns"]
      print(json.dumps({"id": run_id, "state": run["JobRunState"],
                        "error": run.get("ErrorMessage"),
                        "listed": [[r["Id"], r["JobRunState"]] for r in runs]}))
      """;

  @Test
  void boto3StartJobRunRunsABackfillThatSucceeds(
      KafkaBroker kafka, S3ProxyServer s3, FlinkCluster flink, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "orders-" + suffix;
    kafka.createTopic(topic, 2);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      records.add(
          "{\"id\": %d, \"sku\": \"s%d\"}".formatted(i, i % 9).getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < 10; i++) {
      records.add(("not json " + i).getBytes(StandardCharsets.UTF_8));
    }
    PipelineHarness.produce(kafka, topic, records);
    String bucket = "glue-" + suffix;
    PipelineHarness.createBucket(s3, bucket);
    Configuration config =
        Configuration.builder(BridgeOptions.all())
            .set(BridgeOptions.SERVER_PORT, 0)
            .set(BridgeOptions.SERVER_SHUTDOWN_GRACE, Duration.ofSeconds(2))
            .set(BridgeOptions.AUTH_MODE, AuthMode.NONE)
            .set(BridgeOptions.EVENTS_LOG, false)
            .set(BridgeOptions.STORE_URL, "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath())
            .set(BridgeOptions.STORAGE_S3_ENDPOINT, s3.endpoint())
            .set(BridgeOptions.STORAGE_S3_REGION, s3.region())
            .set(BridgeOptions.STORAGE_S3_ACCESS_KEY_ID, s3.accessKey())
            .set(BridgeOptions.STORAGE_S3_SECRET_ACCESS_KEY, s3.secretKey())
            .set(BridgeOptions.STORAGE_S3_PATH_STYLE_ACCESS, true)
            .build();
    try (CatalogBridge bridge =
        CatalogBridge.builder(config)
            .jobLauncher(BackfillLauncher.remote(flink.restAddress(), List.of()))
            .start()) {
      // No catalog section: the run writes through the bridge that launched it.
      Path pipelineFile = dir.resolve("orders.yaml");
      Files.writeString(
          pipelineFile,
          """
          name: orders-%s
          sources:
            - kafka:
                bootstrap-servers: %s
                topics: [%s]
          routing:
            table: orders
          tables:
            - name: orders
              database: shop_%s
          warehouse:
            location: s3://%s/warehouse
            s3-endpoint: %s
            s3-region: us-east-1
            s3-path-style: true
            access-key-id: %s
            secret-access-key: %s
          checkpointing:
            interval: 1s
          parallelism: 1
          """
              .formatted(
                  suffix,
                  kafka.bootstrapServers(),
                  topic,
                  suffix,
                  bucket,
                  s3.endpoint(),
                  s3.accessKey(),
                  s3.secretKey()));
      Path script = dir.resolve("start_job_run.py");
      Files.writeString(script, SCRIPT);
      ProcessBuilder process =
          new ProcessBuilder("/usr/bin/python3", script.toString())
              .redirectError(dir.resolve("stderr.txt").toFile());
      Map<String, String> env = process.environment();
      env.put("BRIDGE", bridge.endpoint().toString());
      env.put("JOB", "backfill-" + suffix);
      env.put("PIPELINE", pipelineFile.toString());
      env.put("SOURCE", "kafka://" + topic);
      env.put("FROM", "earliest");
      JsonNode seen = run(process, dir);

      assertThat(seen.get("state").asText()).as(seen.path("error").asText()).isEqualTo("SUCCEEDED");
      assertThat(seen.get("listed").toString())
          .isEqualTo("[[\"" + seen.get("id").asText() + "\",\"SUCCEEDED\"]]");
      PipelineSpec pipeline =
          BackfillLauncher.withBridge(
              PipelineSpecLoader.load(pipelineFile), bridge.endpoint(), "us-east-1");
      Catalog catalog = Catalogs.loader(pipeline).loadCatalog();
      TableIdentifier orders = TableIdentifier.of("shop_" + suffix, "orders");
      List<Long> ids = PipelineHarness.ids(PipelineHarness.rows(catalog, orders));
      assertThat(ids).hasSize(500);
      assertThat(new HashSet<>(ids))
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 500).boxed().toList());
      assertThat(RunFigures.ownSnapshots(catalog.loadTable(orders), seen.get("id").asText()))
          .isNotEmpty();

      // A replay of the quarantine as a Glue job run: the 10 records fail again, nothing is lost.
      env.put("JOB", "replay-" + suffix);
      env.put("SOURCE", "quarantine://shop_" + suffix + ".orders");
      env.remove("FROM");
      JsonNode replay = run(process, dir);

      assertThat(replay.get("state").asText())
          .as(replay.path("error").asText())
          .isEqualTo("SUCCEEDED");
      assertThat(PipelineHarness.rows(catalog, orders)).hasSize(500);
      TableIdentifier quarantine = TableIdentifier.of("shop_" + suffix, "orders_quarantine");
      assertThat(PipelineHarness.rows(catalog, quarantine)).hasSize(20);
      assertThat(RunFigures.ownSnapshots(catalog.loadTable(quarantine), replay.get("id").asText()))
          .isNotEmpty();
    }
  }

  private static JsonNode run(ProcessBuilder process, Path dir) throws Exception {
    Process python = process.start();
    String stdout = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    return new ObjectMapper().readTree(stdout);
  }
}
