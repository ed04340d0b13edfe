package io.driftway.streamjobs.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackfillSpecTest {

  @Test
  void defaultsToBookmarksA64MiBGroupAndANewRunId() {
    BackfillSpec spec = BackfillSpec.builder("kafka://orders").build();

    assertThat(spec.bookmarks()).isTrue();
    assertThat(spec.groupSizeBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(spec.runId()).startsWith("br-").hasSize(19);
    assertThat(spec.branch()).isEmpty();
  }

  @Test
  void refusesAnUnknownSourceScheme() {
    assertThatThrownBy(() -> BackfillSpec.builder("ftp://host/x").build())
        .hasMessage(
            "Cannot plan backfill: the source must be s3://bucket/prefix, file:/folder,"
                + " kafka://topic, kinesis://stream or quarantine://database.table: ftp://host/x");
  }

  @Test
  void validationNeedsABranch() {
    assertThatThrownBy(() -> BackfillSpec.builder("kafka://orders").maxQuarantineRate(0.01).build())
        .hasMessage(
            "Cannot plan backfill: validation (--max-quarantine-rate, --expected-rows) needs"
                + " --branch, the rows are checked there before main sees them:"
                + " --max-quarantine-rate");
  }

  @Test
  void refusesMainAsTheBackfillBranch() {
    assertThatThrownBy(() -> BackfillSpec.builder("kafka://orders").branch("main").build())
        .hasMessage(
            "Cannot plan backfill: --branch must not be main, main is where it gets published:"
                + " main");
  }

  @Test
  void readsSizesAsPeopleWriteThem() {
    assertThat(BackfillSpec.parseSize("64MB")).isEqualTo(64L << 20);
    assertThat(BackfillSpec.parseSize("512kb")).isEqualTo(512L << 10);
    assertThat(BackfillSpec.parseSize("1GiB")).isEqualTo(1L << 30);
    assertThat(BackfillSpec.parseSize("1000")).isEqualTo(1000L);
    assertThatThrownBy(() -> BackfillSpec.parseSize("lots"))
        .hasMessage(
            "Cannot plan backfill: --group-size is a size such as 64MB, 512KB or 1GB: lots");
  }

  @Test
  void copyBuilderKeepsEveryPart() {
    BackfillSpec spec =
        BackfillSpec.builder("kafka://orders")
            .from("0:5")
            .to("latest")
            .table("sales.orders")
            .branch("b1")
            .maxQuarantineRate(0.5)
            .runId("r1")
            .build();

    assertThat(spec.toBuilder().build()).isEqualTo(spec);
  }

  @Test
  void findsTopicsAndBrokersInKafkaSources() {
    assertThat(SourceRange.streamName("kafka://orders")).isEqualTo("orders");
    assertThat(SourceRange.kafkaBrokers("kafka://orders")).isNull();
    assertThat(SourceRange.streamName("kafka://127.0.0.1:9092/orders")).isEqualTo("orders");
    assertThat(SourceRange.kafkaBrokers("kafka://127.0.0.1:9092/orders"))
        .isEqualTo("127.0.0.1:9092");
    assertThat(SourceRange.streamName("kinesis://clicks")).isEqualTo("clicks");
  }
}
