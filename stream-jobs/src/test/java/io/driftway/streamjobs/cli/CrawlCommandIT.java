package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code driftway crawl} and StartCrawler on {@code driftway catalog serve}, on files in S3Proxy,
 * checked with the AWS CLI ({@code /usr/bin/aws}) as a user checks them.
 */
@ExtendWith(S3Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrawlCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path AWS = Path.of("/usr/bin/aws");

  private S3ProxyServer s3;
  private S3Client client;
  private String bucket;
  private Path home;
  private ExecutorService thread;
  private Future<Integer> serving;
  private String endpoint;
  private Object serve;

  /** Output and exit code of one command. */
  private record Run(int exitCode, String out, String err) {}

  @BeforeAll
  void start(S3ProxyServer server, @TempDir Path dir) throws Exception {
    s3 = server;
    home = dir;
    client =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .forcePathStyle(true)
            .httpClient(ApacheHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
            .region(Region.of(s3.region()))
            .build();
    bucket = "crawl-" + UUID.randomUUID().toString().substring(0, 8);
    client.createBucket(b -> b.bucket(bucket));

    // The bridge as a user starts it: `driftway catalog serve`, crawls reading S3 by storage.s3.*.
    CommandLine driftway = Driftway.commandLine();
    driftway.setOut(new PrintWriter(new StringWriter()));
    serve = driftway.getSubcommands().get("catalog").getSubcommands().get("serve").getCommand();
    thread = Executors.newSingleThreadExecutor();
    serving =
        thread.submit(
            () ->
                driftway.execute(
                    "catalog",
                    "serve",
                    "--port",
                    "0",
                    "--auth",
                    "none",
                    "--store-url",
                    "jdbc:h2:file:" + dir.resolve("catalog"),
                    "--set",
                    "server.shutdown-grace=1s",
                    "--set",
                    "events.log=false",
                    "--set",
                    "storage.s3.endpoint=" + s3.endpoint(),
                    "--set",
                    "storage.s3.region=" + s3.region(),
                    "--set",
                    "storage.s3.access-key-id=" + s3.accessKey(),
                    "--set",
                    "storage.s3.secret-access-key=" + s3.secretKey(),
                    "--set",
                    "storage.s3.path-style-access=true"));
    await().atMost(Duration.ofSeconds(60)).until(() -> bridgeEndpoint() != null);
    endpoint = bridgeEndpoint();
  }

  private String bridgeEndpoint() throws ReflectiveOperationException {
    Field field = serve.getClass().getDeclaredField("bridge");
    field.setAccessible(true);
    Object bridge = field.get(serve);
    return bridge == null
        ? null
        : ((io.driftway.catalogbridge.CatalogBridge) bridge).endpoint().toString();
  }

  @AfterAll
  void stop() throws Exception {
    Field field = serve.getClass().getDeclaredField("bridge");
    field.setAccessible(true);
    ((io.driftway.catalogbridge.CatalogBridge) field.get(serve)).close();
    assertThat(serving.get(30, TimeUnit.SECONDS)).isZero();
    thread.shutdownNow();
    client.close();
  }

  private void put(String key, byte[] bytes) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }

  private void put(String key, String text) {
    put(key, text.getBytes(StandardCharsets.UTF_8));
  }

  private Run crawl(String prefix, String db, String table, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "crawl",
                "s3://" + bucket + "/" + prefix,
                "--database",
                db,
                "--table",
                table,
                "--endpoint",
                endpoint,
                "--access-key-id",
                "any",
                "--secret-access-key",
                "any",
                "--s3-endpoint",
                s3.endpoint().toString(),
                "--s3-region",
                s3.region(),
                "--s3-access-key-id",
                s3.accessKey(),
                "--s3-secret-access-key",
                s3.secretKey(),
                "--s3-path-style"));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Driftway.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private JsonNode aws(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(AWS.toString());
    command.add("glue");
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    env.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_PAGER", "");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "any");
    env.put("AWS_SECRET_ACCESS_KEY", "any");
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("aws %s exits", args[0]).isTrue();
    assertThat(process.exitValue()).as(Files.readString(err)).isZero();
    String text = Files.readString(out);
    return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
  }

  private static String name(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  private static List<String> columns(JsonNode columns) {
    List<String> out = new ArrayList<>();
    columns.forEach(c -> out.add(c.get("Name").asText() + " " + c.get("Type").asText()));
    return out;
  }

  @Test
  void crawlsPartitionedCsvThenOnlyTheNewPartition() throws Exception {
    String db = name("raw");
    String prefix = name("orders") + "/";
    for (String month : List.of("01", "02", "03")) {
      for (int file = 0; file < 2; file++) {
        put(
            prefix + "year=2024/month=" + month + "/part-" + file + ".csv",
            "order_id,customer,total\n" + file + ",ann,9.5\n" + (file + 10) + ",bob,3\n");
      }
    }
    put(prefix + "year=2023/month=12/part-0.csv", "order_id,customer,total\n7,cy,1.25\n");

    Run first = crawl(prefix, db, "orders");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("created table " + db + ".orders (csv)")
        .contains("partitions: 4 added, 0 known");

    JsonNode table = aws("get-table", "--database-name", db, "--name", "orders").get("Table");
    JsonNode sd = table.get("StorageDescriptor");
    assertThat(columns(sd.get("Columns")))
        .containsExactly("order_id int", "customer string", "total double");
    assertThat(columns(table.get("PartitionKeys"))).containsExactly("year int", "month string");
    assertThat(sd.get("Location").asText()).isEqualTo("s3://" + bucket + "/" + prefix);
    assertThat(sd.get("SerdeInfo").get("SerializationLibrary").asText())
        .isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
    assertThat(sd.get("SerdeInfo").get("Parameters").get("field.delim").asText()).isEqualTo(",");
    assertThat(sd.get("InputFormat").asText())
        .isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
    assertThat(sd.get("OutputFormat").asText())
        .isEqualTo("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
    assertThat(table.get("TableType").asText()).isEqualTo("EXTERNAL_TABLE");
    assertThat(table.get("Parameters").get("classification").asText()).isEqualTo("csv");
    assertThat(table.get("Parameters").get("skip.header.line.count").asText()).isEqualTo("1");

    JsonNode january =
        aws(
                "get-partitions",
                "--database-name",
                db,
                "--table-name",
                "orders",
                "--expression",
                "year='2024' AND month='01'")
            .get("Partitions");
    assertThat(january).hasSize(1);
    assertThat(january.get(0).get("Values").toString()).isEqualTo("[\"2024\",\"01\"]");
    assertThat(january.get(0).get("StorageDescriptor").get("Location").asText())
        .isEqualTo("s3://" + bucket + "/" + prefix + "year=2024/month=01/");
    String januaryCreated = january.get(0).get("CreationTime").asText();

    // One new partition folder: exactly it is added; known ones are not listed or rewritten.
    put(prefix + "year=2024/month=04/part-0.csv", "order_id,customer,total\n40,dan,2.5\n");
    Run second = crawl(prefix, db, "orders");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out())
        .contains("added partition 2024/04")
        .contains("partitions: 1 added, 4 known")
        .contains("1 files sampled")
        // the root, year=2023, year=2024 and the new month=04: no known partition folder
        .contains("4 folders listed");
    JsonNode all =
        aws("get-partitions", "--database-name", db, "--table-name", "orders").get("Partitions");
    assertThat(all).hasSize(5);
    JsonNode januaryAgain =
        aws(
                "get-partitions",
                "--database-name",
                db,
                "--table-name",
                "orders",
                "--expression",
                "year='2024' AND month='01'")
            .get("Partitions");
    assertThat(januaryAgain.get(0).get("CreationTime").asText()).isEqualTo(januaryCreated);
  }

  @Test
  void crawlsJsonWithLogThenUpdateBehavior() throws Exception {
    String db = name("raw");
    String prefix = name("events") + "/";
    put(prefix + "dt=2024-01-01/a.json.gz", gzip("{\"id\": 1, \"kind\": \"view\"}\n"));
    put(prefix + "dt=2024-01-02/a.json.gz", gzip("{\"id\": 2, \"kind\": \"click\"}\n"));
    Run first = crawl(prefix, db, "events");
    assertThat(first.exitCode()).as(first.err()).isZero();
    JsonNode table = aws("get-table", "--database-name", db, "--name", "events").get("Table");
    assertThat(columns(table.get("StorageDescriptor").get("Columns")))
        .containsExactly("id bigint", "kind string");
    assertThat(columns(table.get("PartitionKeys"))).containsExactly("dt string");
    assertThat(table.get("StorageDescriptor").get("SerdeInfo").get("SerializationLibrary").asText())
        .isEqualTo("org.openx.data.jsonserde.JsonSerDe");
    assertThat(table.get("Parameters").get("classification").asText()).isEqualTo("json");
    assertThat(table.get("Parameters").get("compressionType").asText()).isEqualTo("gzip");

    put(
        prefix + "dt=2024-01-03/a.json.gz",
        gzip("{\"id\": 3, \"kind\": \"buy\", \"price\": 9.5}\n"));
    Run logged = crawl(prefix, db, "events", "--update-behavior", "LOG");
    assertThat(logged.exitCode()).as(logged.err()).isZero();
    assertThat(logged.out()).contains("UpdateBehavior LOG, not applied: add column price double");
    assertThat(
            columns(
                aws("get-table", "--database-name", db, "--name", "events")
                    .get("Table")
                    .get("StorageDescriptor")
                    .get("Columns")))
        .containsExactly("id bigint", "kind string");

    put(prefix + "dt=2024-01-04/a.json.gz", gzip("{\"id\": 4, \"price\": 1.25}\n"));
    Run updated = crawl(prefix, db, "events", "--update-behavior", "UPDATE_IN_DATABASE");
    assertThat(updated.exitCode()).as(updated.err()).isZero();
    assertThat(updated.out()).contains("added column price double");
    assertThat(
            columns(
                aws("get-table", "--database-name", db, "--name", "events")
                    .get("Table")
                    .get("StorageDescriptor")
                    .get("Columns")))
        .containsExactly("id bigint", "kind string", "price double");
  }

  @Test
  void crawlsParquetThroughStartCrawler() throws Exception {
    String db = name("raw");
    String folder = name("clicks");
    Schema schema =
        SchemaBuilder.record("click")
            .fields()
            .requiredLong("user_id")
            .optionalString("page")
            .optionalDouble("dwell")
            .endRecord();
    for (String region : List.of("eu", "us")) {
      for (String day : List.of("1", "2")) {
        put(
            folder + "/region=" + region + "/day=" + day + "/part-0.parquet",
            parquet(schema, region.length() * 10L + day.length()));
      }
    }
    aws("create-database", "--database-input", "{\"Name\": \"" + db + "\"}");
    String crawler = name("crawler");
    aws(
        "create-crawler",
        "--name",
        crawler,
        "--role",
        "arn:aws:iam::000000000000:role/crawler",
        "--database-name",
        db,
        "--targets",
        "{\"S3Targets\": [{\"Path\": \"s3://" + bucket + "/" + folder + "/\"}]}");
    aws("start-crawler", "--name", crawler);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode state = aws("get-crawler", "--name", crawler).get("Crawler");
              return "READY".equals(state.get("State").asText()) && state.has("LastCrawl");
            });
    JsonNode last = aws("get-crawler", "--name", crawler).get("Crawler").get("LastCrawl");
    assertThat(last.get("Status").asText()).as(last.toString()).isEqualTo("SUCCEEDED");

    JsonNode table = aws("get-table", "--database-name", db, "--name", folder).get("Table");
    JsonNode sd = table.get("StorageDescriptor");
    assertThat(columns(sd.get("Columns")))
        .containsExactly("user_id bigint", "page string", "dwell double");
    assertThat(columns(table.get("PartitionKeys"))).containsExactly("region string", "day int");
    assertThat(sd.get("SerdeInfo").get("SerializationLibrary").asText())
        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
    assertThat(sd.get("InputFormat").asText())
        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
    assertThat(sd.get("OutputFormat").asText())
        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
    assertThat(table.get("Parameters").get("classification").asText()).isEqualTo("parquet");
    assertThat(table.get("Parameters").get("UPDATED_BY_CRAWLER").asText()).isEqualTo(crawler);
    JsonNode eu =
        aws(
                "get-partitions",
                "--database-name",
                db,
                "--table-name",
                folder,
                "--expression",
                "region='eu' AND day='2'")
            .get("Partitions");
    assertThat(eu).hasSize(1);
    assertThat(eu.get(0).get("Values").toString()).isEqualTo("[\"eu\",\"2\"]");
  }

  private byte[] parquet(Schema schema, long base) throws IOException {
    Path file = home.resolve(UUID.randomUUID() + ".parquet");
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
            .withSchema(schema)
            .build()) {
      for (int i = 0; i < 3; i++) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("user_id", base + i);
        record.put("page", i == 0 ? null : "/p/" + i);
        record.put("dwell", i * 1.5);
        writer.write(record);
      }
    }
    return Files.readAllBytes(file);
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
