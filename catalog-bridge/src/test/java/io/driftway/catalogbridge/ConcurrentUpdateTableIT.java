package io.driftway.catalogbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.platform.config.Configuration;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * 1,000 UpdateTable calls race on the same VersionId: exactly one wins, the other 999 get
 * ConcurrentModificationException, on the embedded store and on PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class ConcurrentUpdateTableIT {

  private static final int CALLERS = 1000;

  @Test
  void oneWinnerOnTheEmbeddedStore(@TempDir Path dir) throws Exception {
    try (CatalogBridge bridge = TestBridges.start(dir)) {
      race(bridge);
    }
  }

  @Test
  void oneWinnerOnPostgres(@TempDir Path dir, PostgresServer postgres) throws Exception {
    Configuration config =
        TestBridges.config(dir)
            .set(BridgeOptions.STORE_URL, postgres.createDatabase("race"))
            .set(BridgeOptions.STORE_USER, postgres.user())
            .set(BridgeOptions.STORE_PASSWORD, postgres.password())
            .build();
    try (CatalogBridge bridge = CatalogBridge.start(config)) {
      race(bridge);
    }
  }

  private static void race(CatalogBridge bridge) throws Exception {
    String db = TestBridges.name("race");
    // No SDK retries: a retried call would hide what the server answered the first time.
    try (GlueClient glue =
        GlueClient.builder()
            .endpointOverride(bridge.endpoint())
            .region(Region.of(TestBridges.REGION))
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET)))
            .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
            .build()) {
      glue.createDatabase(r -> r.databaseInput(DatabaseInput.builder().name(db).build()));
      glue.createTable(r -> r.databaseName(db).tableInput(table("v0")));
      String version = glue.getTable(r -> r.databaseName(db).name("hot")).table().versionId();

      ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> outcomes = new ArrayList<>();
      try {
        for (int i = 0; i < CALLERS; i++) {
          String description = "writer-" + i;
          outcomes.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      glue.updateTable(
                          r ->
                              r.databaseName(db).tableInput(table(description)).versionId(version));
                      return "won:" + description;
                    } catch (ConcurrentModificationException e) {
                      return "conflict";
                    }
                  }));
        }
        start.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
          results.add(outcome.get(2, TimeUnit.MINUTES));
        }

        List<String> winners = results.stream().filter(r -> r.startsWith("won:")).toList();
        assertThat(winners).hasSize(1);
        assertThat(results.stream().filter("conflict"::equals)).hasSize(CALLERS - 1);
        var table = glue.getTable(r -> r.databaseName(db).name("hot")).table();
        assertThat(table.versionId()).isEqualTo(Long.toString(Long.parseLong(version) + 1));
        assertThat("won:" + table.description()).isEqualTo(winners.get(0));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static TableInput table(String description) {
    return TableInput.builder()
        .name("hot")
        .description(description)
        .storageDescriptor(
            StorageDescriptor.builder()
                .columns(Column.builder().name("id").type("bigint").build())
                .location("s3://lake/hot/")
                .build())
        .build();
  }
}
