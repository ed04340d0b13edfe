package io.driftway.streamjobs.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineKeysTest {

  /**
   * Every key of a pipeline file and its default ({@code required}, or {@code (none)} when an unset
   * key means "not used"). Keys are public API: a change here is a change users see.
   */
  @Test
  void declaresEveryKeyWithItsDefault() {
    Map<String, String> declared = new LinkedHashMap<>();
    for (PipelineKey<?> key : PipelineKeys.ALL) {
      String value =
          key.required()
              ? "required"
              : key.defaultValue().isPresent() ? key.defaultText() : "(none)";
      declared.put(key.path(), value);
    }

    assertThat(declared).containsExactlyEntriesOf(expected());
  }

  @Test
  void listsTheKeysOfEachSection() {
    assertThat(PipelineKeys.keysOf(""))
        .containsExactlyInAnyOrder(
            "name",
            "database",
            "parallelism",
            "sources",
            "format",
            "routing",
            "tables",
            "warehouse",
            "catalog",
            "checkpointing",
            "sink",
            "alerts");
    assertThat(PipelineKeys.keysOf("sources[]")).containsExactlyInAnyOrder("kafka", "kinesis");
    assertThat(PipelineKeys.keysOf("tables[].policies"))
        .containsExactlyInAnyOrder(
            "new-fields",
            "type-conflicts",
            "overrides",
            "max-record-bytes",
            "max-depth",
            "max-fields-per-struct",
            "map-after-keys");
    assertThat(PipelineKeys.keysOf("tables[].maintenance"))
        .containsExactlyInAnyOrder(
            "enabled",
            "trigger",
            "rewrite-data-files",
            "expire-snapshots",
            "delete-orphan-files",
            "rewrite-manifests",
            "lock");
    assertThat(PipelineKeys.keysOf("routing.tables")).isEmpty();
  }

  @Test
  void everyKeyHasAOneLineDescription() {
    assertThat(PipelineKeys.ALL)
        .allSatisfy(key -> assertThat(key.description()).isNotBlank().doesNotContain("\n"));
  }

  private static Map<String, String> expected() {
    String[] pairs = {
      "name", "required",
      "database", "driftway",
      "parallelism", "1",
      "sources[].kafka.bootstrap-servers", "required",
      "sources[].kafka.topics", "(none)",
      "sources[].kafka.topic-pattern", "(none)",
      "sources[].kafka.group-id", "(none)",
      "sources[].kafka.starting-position", "committed",
      "sources[].kafka.starting-timestamp", "(none)",
      "sources[].kafka.properties", "(none)",
      "sources[].kinesis.streams", "required",
      "sources[].kinesis.region", "required",
      "sources[].kinesis.endpoint", "(none)",
      "sources[].kinesis.starting-position", "LATEST",
      "sources[].kinesis.starting-timestamp", "(none)",
      "sources[].kinesis.consumer", "polling",
      "sources[].kinesis.consumer-name", "(none)",
      "sources[].kinesis.access-key-id", "(none)",
      "sources[].kinesis.secret-access-key", "(none)",
      "format.type", "required",
      "format.csv.delimiter", ",",
      "format.csv.quote", "\"",
      "format.csv.null-tokens", "",
      "format.csv.header", "(none)",
      "format.registry.url", "required",
      "format.registry.username", "(none)",
      "format.registry.password", "(none)",
      "format.registry.subject-strategy", "any",
      "format.avro-schema", "(none)",
      "routing.table", "(none)",
      "routing.by-source", "(none)",
      "routing.by-field", "(none)",
      "routing.tables", "(none)",
      "tables[].name", "required",
      "tables[].database", "(none)",
      "tables[].partition-by", "(none)",
      "tables[].hints", "(none)",
      "tables[].infer-timestamps", "false",
      "tables[].policies.new-fields", "evolve",
      "tables[].policies.type-conflicts", "widen",
      "tables[].policies.overrides", "(none)",
      "tables[].policies.max-record-bytes", "(none)",
      "tables[].policies.max-depth", "(none)",
      "tables[].policies.max-fields-per-struct", "(none)",
      "tables[].policies.map-after-keys", "(none)",
      "tables[].properties", "(none)",
      "tables[].freshness-slo", "(none)",
      "tables[].maintenance.enabled", "false",
      "tables[].maintenance.trigger.commits", "10",
      "tables[].maintenance.trigger.interval", "1h",
      "tables[].maintenance.trigger.rate-limit", "1m",
      "tables[].maintenance.rewrite-data-files.enabled", "true",
      "tables[].maintenance.rewrite-data-files.target-file-size", "512MiB",
      "tables[].maintenance.expire-snapshots.enabled", "true",
      "tables[].maintenance.expire-snapshots.max-age", "5d",
      "tables[].maintenance.expire-snapshots.retain-last", "1",
      "tables[].maintenance.delete-orphan-files.enabled", "true",
      "tables[].maintenance.delete-orphan-files.min-age", "3d",
      "tables[].maintenance.rewrite-manifests.enabled", "true",
      "tables[].maintenance.lock.jdbc-uri", "(none)",
      "warehouse.location", "required",
      "warehouse.s3-endpoint", "(none)",
      "warehouse.s3-region", "(none)",
      "warehouse.s3-path-style", "false",
      "warehouse.access-key-id", "(none)",
      "warehouse.secret-access-key", "(none)",
      "catalog.type", "required",
      "catalog.endpoint", "(none)",
      "catalog.region", "(none)",
      "catalog.uri", "(none)",
      "catalog.user", "(none)",
      "catalog.password", "(none)",
      "catalog.access-key-id", "(none)",
      "catalog.secret-access-key", "(none)",
      "checkpointing.interval", "10s",
      "checkpointing.storage", "(none)",
      "checkpointing.settle-max-held", "10000",
      "checkpointing.settle-max-held-bytes", "16MiB",
      "sink.write-path", "columnar",
      "alerts.kafka.bootstrap-servers", "(none)",
      "alerts.kafka.topic", "required",
      "alerts.webhook.url", "required",
      "alerts.webhook.timeout", "5s",
      "alerts.webhook.max-attempts", "5",
      "alerts.webhook.initial-backoff", "500ms",
      "alerts.log", "true",
      "alerts.bridge", "false"
    };
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      expected.put(pairs[i], pairs[i + 1]);
    }
    return expected;
  }
}
