package io.driftway.loadtests.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageFoldingTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "org.apache.parquet.column.values.dictionary.DictionaryValuesWriter, org.apache.parquet.column",
    "org.apache.iceberg.parquet.ParquetValueWriters$StringWriter, org.apache.iceberg.parquet",
    "org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonParser,"
        + " org.apache.flink.shaded.jackson2",
    "com.fasterxml.jackson.core.json.UTF8StreamJsonParser, com.fasterxml.jackson",
    "com.fasterxml.jackson.core.internal.shaded.fdp.v2_22_1.JavaDoubleParser,"
        + " com.fasterxml.jackson",
    "io.driftway.schemaevolution.fastpath.CompiledJsonReader, io.driftway.schemaevolution",
    "java.util.concurrent.ConcurrentHashMap, java.util",
    "jdk.internal.misc.Unsafe, jdk.internal",
    "com.sun.crypto.provider.AESCrypt, com.sun.crypto",
    "java.lang.String, java.lang",
    "org.xerial.snappy.Snappy, org.xerial.snappy",
    "Main, (default package)"
  })
  void foldsAPackageToTheDepthAProfileReadsWellAt(String className, String folded) {
    assertThat(PackageFolding.defaults().fold(className)).isEqualTo(folded);
  }

  @Test
  void aFixedDepthCutsEveryPackageAlike() {
    PackageFolding two = PackageFolding.fixed(2);

    assertThat(two.fold("org.apache.parquet.column.ColumnWriter")).isEqualTo("org.apache");
    assertThat(two.fold("java.util.HashMap")).isEqualTo("java.util");
    assertThat(two.fold("a.B")).isEqualTo("a");
  }

  @Test
  void refusesADepthBelowOne() {
    assertThatThrownBy(() -> PackageFolding.fixed(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot fold packages: depth must be positive: 0");
  }
}
