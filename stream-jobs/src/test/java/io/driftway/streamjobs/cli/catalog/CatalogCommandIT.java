package io.driftway.streamjobs.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.streamjobs.cli.Driftway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code driftway catalog serve|mirror|check} as a user runs them. */
class CatalogCommandIT {

  /** Output and exit code of one command. */
  private record Run(int exitCode, String out, String err) {}

  private static Run driftway(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Driftway.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void servesMirrorsAndChecks(@TempDir Path dir) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      ServeCommand source = new ServeCommand();
      ServeCommand target = new ServeCommand();
      Future<Integer> sourceRun =
          threads.submit(() -> serve(source, dir.resolve("a"), "--port", "0", "--auth", "none"));
      Future<Integer> targetRun =
          threads.submit(() -> serve(target, dir.resolve("b"), "--port", "0", "--auth", "none"));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> source.bridge() != null && target.bridge() != null);
      CatalogBridge from = source.bridge();
      CatalogBridge to = target.bridge();

      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(from.endpoint().resolve("/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      String db = "cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
      Path data = Files.createDirectories(dir.resolve("warehouse/orders"));
      Files.writeString(data.resolve("part-0.parquet"), "rows");
      post(from.endpoint(), "CreateDatabase", "{\"DatabaseInput\": {\"Name\": \"" + db + "\"}}");
      post(
          from.endpoint(),
          "CreateTable",
          "{\"DatabaseName\": \""
              + db
              + "\", \"TableInput\": {\"Name\": \"orders\","
              + " \"StorageDescriptor\": {\"Location\": \""
              + data
              + "\"}}}");
      post(
          from.endpoint(),
          "CreateTable",
          "{\"DatabaseName\": \""
              + db
              + "\", \"TableInput\": {\"Name\": \"gone\","
              + " \"StorageDescriptor\": {\"Location\": \""
              + dir.resolve("nothing")
              + "\"}}}");

      Run mirror =
          driftway(
              "catalog",
              "mirror",
              "--from",
              from.endpoint().toString(),
              "--to",
              to.endpoint().toString(),
              "--database",
              db,
              "--from-access-key-id",
              "any",
              "--from-secret-access-key",
              "any",
              "--to-access-key-id",
              "any",
              "--to-secret-access-key",
              "any");
      assertThat(mirror.exitCode()).as(mirror.err()).isZero();
      assertThat(mirror.out())
          .contains("created database " + db)
          .contains("created table " + db + ".orders")
          .contains("tables: 2 created, 0 updated, 0 deleted, 0 unchanged, 0 failed");

      Run again =
          driftway(
              "catalog",
              "mirror",
              "--from",
              from.endpoint().toString(),
              "--to",
              to.endpoint().toString(),
              "--database",
              db,
              "--from-access-key-id",
              "any",
              "--from-secret-access-key",
              "any",
              "--to-access-key-id",
              "any",
              "--to-secret-access-key",
              "any");
      assertThat(again.out())
          .contains("tables: 0 created, 0 updated, 0 deleted, 2 unchanged, 0 failed");

      Run check =
          driftway(
              "catalog",
              "check",
              "--endpoint",
              to.endpoint().toString(),
              "--database",
              db,
              "--access-key-id",
              "any",
              "--secret-access-key",
              "any");
      assertThat(check.exitCode()).isEqualTo(1);
      assertThat(check.out())
          .contains(
              "LOCATION_MISSING "
                  + db
                  + ".gone: the table location holds no files: "
                  + dir.resolve("nothing"))
          .contains("checked 2 tables, 0 partitions: 1 divergences, 0 unchecked");

      post(to.endpoint(), "DeleteTable", "{\"DatabaseName\": \"" + db + "\", \"Name\": \"gone\"}");
      Run clean =
          driftway(
              "catalog",
              "check",
              "--endpoint",
              to.endpoint().toString(),
              "--database",
              db,
              "--access-key-id",
              "any",
              "--secret-access-key",
              "any",
              "--json");
      assertThat(clean.exitCode()).isZero();
      assertThat(clean.out()).contains("\"divergences\":[]");

      Run unreachable =
          driftway(
              "catalog",
              "check",
              "--endpoint",
              "http://127.0.0.1:1",
              "--access-key-id",
              "a",
              "--secret-access-key",
              "b");
      assertThat(unreachable.exitCode()).isEqualTo(2);
      assertThat(unreachable.err()).startsWith("Cannot check catalog: ");

      from.close();
      to.close();
      assertThat(sourceRun.get(30, TimeUnit.SECONDS)).isZero();
      assertThat(targetRun.get(30, TimeUnit.SECONDS)).isZero();
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void serveRefusesAuthNoneOffLoopbackWithExitCode2(@TempDir Path dir) {
    Run refused =
        driftway(
            "catalog",
            "serve",
            "--host",
            "0.0.0.0",
            "--port",
            "0",
            "--auth",
            "none",
            "--store-url",
            "jdbc:h2:file:" + dir.resolve("catalog"));
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err())
        .startsWith("Cannot start catalog bridge: auth.mode none is allowed only on a loopback");
  }

  private static int serve(ServeCommand command, Path store, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(new StringWriter()));
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--store-url";
    all[args.length + 1] = "jdbc:h2:file:" + store.resolve("catalog");
    all[args.length + 2] = "--set";
    all[args.length + 3] = "server.shutdown-grace=1s";
    return cli.execute(all);
  }

  private static void post(URI endpoint, String operation, String body) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint.resolve("/"))
                    .header("X-Amz-Target", "AWSGlue." + operation)
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
