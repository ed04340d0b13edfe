package io.driftway.connectors.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipelineTableCreatorTest {

  private static final Schema SCHEMA =
      new Schema(Types.NestedField.optional(1, "id", Types.LongType.get()));

  private InMemoryCatalog catalog;

  @BeforeEach
  void openCatalog() {
    catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
  }

  @AfterEach
  void closeCatalog() throws Exception {
    catalog.close();
  }

  @Test
  void createsParquetTablesWithASmallDictionaryBoundForStreamingFiles() {
    Table table =
        new PipelineTableCreator(Map.of())
            .createTable(
                catalog,
                TableIdentifier.of("sales", "orders"),
                SCHEMA,
                PartitionSpec.unpartitioned());

    assertThat(table.properties())
        .containsEntry("write.format.default", "parquet")
        .containsEntry("write.parquet.dict-size-bytes", "16384");
  }

  @Test
  void theTablesOwnPropertiesWinOverTheDictionaryBound() {
    Table table =
        new PipelineTableCreator(
                Map.of("sales.orders", Map.of("write.parquet.dict-size-bytes", "2097152")))
            .createTable(
                catalog,
                TableIdentifier.of("sales", "orders"),
                SCHEMA,
                PartitionSpec.unpartitioned());

    assertThat(table.properties()).containsEntry("write.parquet.dict-size-bytes", "2097152");
  }
}
