package io.driftway.streamjobs.maintain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftway.catalogbridge.jobs.JobRunContext;
import io.driftway.catalogbridge.model.Job;
import io.driftway.catalogbridge.model.JobRun;
import io.driftway.catalogbridge.model.JobRunProgress;
import io.driftway.streamjobs.backfill.BackfillLauncher;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceJobRunTest {

  @Test
  void aJobRunWithJobKindMaintainMaintainsTheTableAndSucceeds(@TempDir Path dir) throws Exception {
    Path pipeline = pipeline(dir);
    Catalog catalog = Catalogs.loader(PipelineSpecLoader.load(pipeline)).loadCatalog();
    try {
      catalog.createTable(
          TableIdentifier.of("shop", "events"),
          new Schema(Types.NestedField.required(1, "id", Types.LongType.get())),
          PartitionSpec.unpartitioned());
    } finally {
      ((AutoCloseable) catalog).close();
    }
    RecordingContext context =
        new RecordingContext(
            Map.of(
                "--job-kind", "maintain",
                "--pipeline", pipeline.toString(),
                "--table", "shop.events",
                "--dry-run", "true"));

    BackfillLauncher.embedded().launch(context);

    await().atMost(Duration.ofSeconds(30)).until(() -> context.reports.size() >= 2);
    assertThat(context.reports).containsExactly("running", "succeeded");
  }

  @Test
  void aMaintainRunWithoutATableDoesNotStart(@TempDir Path dir) throws Exception {
    RecordingContext context =
        new RecordingContext(
            Map.of("--job-kind", "maintain", "--pipeline", pipeline(dir).toString()));

    assertThatThrownBy(() -> BackfillLauncher.embedded().launch(context))
        .hasMessage(
            "Cannot start job run: a maintain run needs --table <database>.<table>: jr_test");
  }

  @Test
  void anUnknownJobKindDoesNotStart(@TempDir Path dir) throws Exception {
    RecordingContext context =
        new RecordingContext(
            Map.of("--job-kind", "compact", "--pipeline", pipeline(dir).toString()));

    assertThatThrownBy(() -> BackfillLauncher.embedded().launch(context))
        .hasMessage("Cannot start job run: --job-kind is backfill or maintain: compact");
  }

  private static Path pipeline(Path dir) throws Exception {
    Path file = dir.resolve("events.yaml");
    Files.writeString(
        file,
        """
        name: events
        routing:
          table: events
        tables:
          - name: events
            database: shop
        warehouse:
          location: %s
        catalog:
          type: hadoop
        """
            .formatted(dir.resolve("warehouse").toUri()));
    return file;
  }

  /** A bridge's view of one run, recording what the launcher reports. */
  private static final class RecordingContext implements JobRunContext {
    final List<String> reports = new CopyOnWriteArrayList<>();
    private final Map<String, String> arguments;

    RecordingContext(Map<String, String> arguments) {
      this.arguments = arguments;
    }

    @Override
    public Job job() {
      return null;
    }

    @Override
    public JobRun run() {
      return new JobRun(
          "jr_test",
          0,
          null,
          null,
          "events-maintenance",
          null,
          null,
          null,
          null,
          null,
          arguments,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }

    @Override
    public Map<String, String> arguments() {
      return arguments;
    }

    @Override
    public URI catalogEndpoint() {
      return URI.create("http://127.0.0.1:9047");
    }

    @Override
    public String region() {
      return "us-east-1";
    }

    @Override
    public void running() {
      reports.add("running");
    }

    @Override
    public void succeeded() {
      reports.add("succeeded");
    }

    @Override
    public void failed(String errorMessage) {
      reports.add("failed: " + errorMessage);
    }

    @Override
    public void stopped() {
      reports.add("stopped");
    }

    @Override
    public void progress(JobRunProgress progress) {
      reports.add("progress " + progress.describe());
    }
  }
}
