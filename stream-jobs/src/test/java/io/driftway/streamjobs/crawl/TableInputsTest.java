package io.driftway.streamjobs.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeParser;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

class TableInputsTest {

  private static final StructType COLUMNS =
      (StructType) TypeParser.parse("struct<id:long,tags:array<string>,total:decimal(10,2)>");
  private static final List<Column> KEYS =
      List.of(Column.builder().name("year").type("int").build());

  private static TableInputs.Shape shape(CrawlFormat format, String compression) {
    return new TableInputs.Shape(
        "s3://lake/t/", format, compression, COLUMNS, KEYS, "nightly", false);
  }

  @Test
  void csvTablesCarryTheHeaderAndDelimiterParametersGluesCrawlerWrites() {
    TableInput input = TableInputs.table("orders", shape(CrawlFormat.CSV, "gzip"));

    assertThat(input.tableType()).isEqualTo("EXTERNAL_TABLE");
    assertThat(input.partitionKeys()).isEqualTo(KEYS);
    assertThat(input.parameters())
        .containsEntry("classification", "csv")
        .containsEntry("compressionType", "gzip")
        .containsEntry("typeOfData", "file")
        .containsEntry("UPDATED_BY_CRAWLER", "nightly")
        .containsEntry("skip.header.line.count", "1")
        .containsEntry("delimiter", ",")
        .containsEntry("areColumnsQuoted", "false")
        .containsEntry("columnsOrdered", "true");
    assertThat(input.storageDescriptor().parameters()).isEqualTo(input.parameters());
    assertThat(input.storageDescriptor().compressed()).isTrue();
    assertThat(input.storageDescriptor().location()).isEqualTo("s3://lake/t/");
    assertThat(input.storageDescriptor().columns())
        .extracting(c -> c.name() + " " + c.type())
        .containsExactly("id bigint", "tags array<string>", "total decimal(10,2)");
    assertThat(input.storageDescriptor().serdeInfo().serializationLibrary())
        .isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
    assertThat(input.storageDescriptor().serdeInfo().parameters())
        .isEqualTo(Map.of("field.delim", ","));
  }

  @Test
  void quotedCsvGetsOpenCsvSerDe() {
    TableInput input =
        TableInputs.table(
            "t",
            new TableInputs.Shape(
                "s3://lake/t/", CrawlFormat.CSV, "none", COLUMNS, KEYS, "nightly", true));
    assertThat(input.storageDescriptor().serdeInfo().serializationLibrary())
        .isEqualTo("org.apache.hadoop.hive.serde2.OpenCSVSerde");
    assertThat(input.storageDescriptor().serdeInfo().parameters())
        .isEqualTo(Map.of("separatorChar", ",", "quoteChar", "\""));
    assertThat(input.parameters()).containsEntry("areColumnsQuoted", "true");
  }

  @Test
  void parquetJsonAndAvroSerDeParameters() {
    assertThat(
            TableInputs.table("t", shape(CrawlFormat.PARQUET, "none"))
                .storageDescriptor()
                .serdeInfo()
                .parameters())
        .isEqualTo(Map.of("serialization.format", "1"));
    assertThat(
            TableInputs.table("t", shape(CrawlFormat.JSON, "none"))
                .storageDescriptor()
                .serdeInfo()
                .parameters())
        .isEqualTo(Map.of("paths", "id,tags,total"));
    TableInput avro = TableInputs.table("t", shape(CrawlFormat.AVRO, "none"));
    assertThat(avro.storageDescriptor().inputFormat())
        .isEqualTo("org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat");
    Schema literal =
        new Schema.Parser()
            .parse(avro.storageDescriptor().serdeInfo().parameters().get("avro.schema.literal"));
    assertThat(literal.getFields())
        .extracting(Schema.Field::name)
        .containsExactly("id", "tags", "total");
    assertThat(avro.parameters()).doesNotContainKey("skip.header.line.count");
  }

  @Test
  void updatesKeepWhatUsersSetAndDropTheDeprecationMarker() {
    Table existing =
        Table.builder()
            .name("t")
            .description("owned by sales")
            .tableType("EXTERNAL_TABLE")
            .parameters(Map.of("owner_team", "sales", "DEPRECATED_BY_CRAWLER", "1700000000000"))
            .build();

    TableInput updated = TableInputs.update(existing, shape(CrawlFormat.PARQUET, "none"));

    assertThat(updated.description()).isEqualTo("owned by sales");
    assertThat(updated.parameters())
        .containsEntry("owner_team", "sales")
        .containsEntry("classification", "parquet")
        .doesNotContainKey("DEPRECATED_BY_CRAWLER");
  }

  @Test
  void partitionsUseTheTablesStorageAtTheirFolder() {
    TableInput table = TableInputs.table("t", shape(CrawlFormat.JSON, "none"));
    PartitionInput partition =
        TableInputs.partition(List.of("2024"), table.storageDescriptor(), "s3://lake/t/year=2024/");
    assertThat(partition.values()).containsExactly("2024");
    assertThat(partition.storageDescriptor().location()).isEqualTo("s3://lake/t/year=2024/");
    assertThat(partition.storageDescriptor().serdeInfo())
        .isEqualTo(table.storageDescriptor().serdeInfo());
  }
}
