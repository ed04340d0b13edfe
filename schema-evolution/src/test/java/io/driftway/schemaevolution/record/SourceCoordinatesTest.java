package io.driftway.schemaevolution.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceCoordinatesTest {

  @Test
  void describesALocalFileWithOneFileScheme() {
    assertThat(SourceCoordinates.file("file:/in/a.json", 3).describe())
        .isEqualTo("file:/in/a.json:3");
    assertThat(SourceCoordinates.file("/in/a.json", 3).describe()).isEqualTo("file:/in/a.json:3");
  }

  @Test
  void describesAnObjectInS3AsAFile() {
    assertThat(SourceCoordinates.file("s3://b/o.csv", 4).describe())
        .isEqualTo("file:s3://b/o.csv:4");
  }

  @Test
  void describesStreamsByTheirSource() {
    assertThat(SourceCoordinates.kafka("orders", 3, 1_204L).describe())
        .isEqualTo("kafka:orders/3@1204");
    assertThat(SourceCoordinates.kinesis("clicks", "shardId-0", "49").describe())
        .isEqualTo("kinesis:clicks/shardId-0@49");
  }
}
