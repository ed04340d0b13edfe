package io.driftway.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataSizeTest {

  @Test
  void readsBinaryUnitsAndBareBytes() {
    assertThat(DataSize.parse("512").bytes()).isEqualTo(512);
    assertThat(DataSize.parse("64KiB").bytes()).isEqualTo(64 * 1024);
    assertThat(DataSize.parse("16 MB").bytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(DataSize.parse("1gib").bytes()).isEqualTo(1024L * 1024 * 1024);
  }

  @Test
  void printsTheLargestExactUnit() {
    assertThat(DataSize.ofMebibytes(16)).hasToString("16MiB");
    assertThat(DataSize.ofBytes(1536)).hasToString("1536B");
    assertThat(DataSize.ofBytes(2048)).hasToString("2KiB");
  }

  @Test
  void refusesTextWithoutANumber() {
    assertThatThrownBy(() -> DataSize.parse("lots"))
        .hasMessage("Cannot read data size: expected a number and a unit (B, KiB, MiB, GiB): lots");
  }
}
