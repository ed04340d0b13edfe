package io.driftway.streamjobs.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.platform.config.DataSize;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaintenanceReaderTest {

  private static final String HEAD =
      """
      name: orders
      sources:
        - kafka:
            bootstrap-servers: 127.0.0.1:9092
            topics: [orders]
      routing:
        table: orders
      warehouse:
        location: ./warehouse
      catalog:
        type: hadoop
      checkpointing:
        interval: 2s
      tables:
        - name: orders
      """;

  @Test
  void isOffWithManagedServiceLimitsWhenTheFileSaysNothing() {
    MaintenanceSpec maintenance = parse(HEAD).maintenance("orders");

    assertThat(maintenance.enabled()).isFalse();
    assertThat(maintenance.anyTask()).isFalse();
    assertThat(maintenance.trigger())
        .isEqualTo(new MaintenanceSpec.Trigger(10, Duration.ofHours(1), Duration.ofMinutes(1)));
    assertThat(maintenance.rewriteDataFiles())
        .isEqualTo(new MaintenanceSpec.RewriteDataFiles(true, DataSize.ofMebibytes(512)));
    assertThat(maintenance.expireSnapshots())
        .isEqualTo(new MaintenanceSpec.ExpireSnapshots(true, Duration.ofDays(5), 1));
    assertThat(maintenance.deleteOrphanFiles())
        .isEqualTo(new MaintenanceSpec.DeleteOrphanFiles(true, Duration.ofDays(3)));
    assertThat(maintenance.rewriteManifests()).isTrue();
    assertThat(maintenance.lockJdbcUri()).isEmpty();
  }

  @Test
  void turnsOnWithTheDefaultsOfEveryTask() {
    MaintenanceSpec maintenance =
        parse(HEAD + "    maintenance:\n      enabled: true\n").maintenance("orders");

    assertThat(maintenance.enabled()).isTrue();
    assertThat(maintenance.anyTask()).isTrue();
    assertThat(maintenance.expireSnapshots().maxAge()).isEqualTo(Duration.ofDays(5));
  }

  @Test
  void readsEveryOverrideAndSwitch() {
    MaintenanceSpec maintenance =
        parse(
                HEAD
                    + """
                    maintenance:
                      enabled: true
                      trigger: {commits: 3, interval: 30s, rate-limit: 5s}
                      rewrite-data-files: {enabled: false, target-file-size: 128MiB}
                      expire-snapshots: {max-age: 20s, retain-last: 2}
                      delete-orphan-files: {enabled: false, min-age: 1h}
                      rewrite-manifests: {enabled: false}
                      lock: {jdbc-uri: "jdbc:postgresql://127.0.0.1/locks"}
                """)
            .maintenance("orders");

    assertThat(maintenance)
        .isEqualTo(
            new MaintenanceSpec(
                true,
                new MaintenanceSpec.Trigger(3, Duration.ofSeconds(30), Duration.ofSeconds(5)),
                new MaintenanceSpec.RewriteDataFiles(false, DataSize.ofMebibytes(128)),
                new MaintenanceSpec.ExpireSnapshots(true, Duration.ofSeconds(20), 2),
                new MaintenanceSpec.DeleteOrphanFiles(false, Duration.ofHours(1)),
                false,
                Optional.of("jdbc:postgresql://127.0.0.1/locks")));
  }

  @Test
  void routedTablesWithoutADeclarationAreNotMaintained() {
    assertThat(parse(HEAD).maintenance("elsewhere")).isEqualTo(MaintenanceSpec.defaults());
  }

  @Test
  void refusesAnExpiryAgeWithinOneCheckpointInterval() {
    assertThatThrownBy(
            () ->
                parse(
                    HEAD
                        + """
                    maintenance:
                      expire-snapshots:
                        max-age: 2s
                """))
        .hasMessage(
            "Cannot load pipeline: max-age must be longer than checkpointing.interval (2s),"
                + " found '2s': orders.yaml:18 tables[0].maintenance.expire-snapshots.max-age");
  }

  @Test
  void refusesAnOrphanAgeWithinOneCheckpointInterval() {
    assertThatThrownBy(
            () ->
                parse(
                    HEAD
                        + """
                    maintenance:
                      delete-orphan-files: {min-age: 500ms}
                """))
        .hasMessage(
            "Cannot load pipeline: min-age must be longer than checkpointing.interval (2s),"
                + " found '500ms': orders.yaml:17 tables[0].maintenance.delete-orphan-files.min-age");
  }

  @Test
  void namesTheAllowedKeysOfATaskSection() {
    assertThatThrownBy(
            () ->
                parse(
                    HEAD
                        + """
                    maintenance:
                      expire-snapshots: {keep: 3}
                """))
        .hasMessage(
            "Cannot load pipeline: unknown key 'keep' (allowed: enabled, max-age, retain-last):"
                + " orders.yaml:17 tables[0].maintenance.expire-snapshots.keep");
  }

  @Test
  void refusesAMalformedTargetFileSize() {
    assertThatThrownBy(
            () ->
                parse(
                    HEAD
                        + """
                    maintenance:
                      rewrite-data-files: {target-file-size: big}
                """))
        .hasMessage(
            "Cannot load pipeline: expected a data size such as 64KiB, 16MiB or 512MiB, found"
                + " 'big': orders.yaml:17 tables[0].maintenance.rewrite-data-files.target-file-size");
  }

  @Test
  void refusesAZeroRetainLast() {
    assertThatThrownBy(
            () ->
                parse(
                    HEAD
                        + """
                    maintenance:
                      expire-snapshots: {retain-last: 0}
                """))
        .hasMessage(
            "Cannot load pipeline: expected a positive whole number, found '0':"
                + " orders.yaml:17 tables[0].maintenance.expire-snapshots.retain-last");
  }

  private static PipelineSpec parse(String text) {
    return PipelineSpecLoader.parse("orders.yaml", text, name -> null);
  }
}
