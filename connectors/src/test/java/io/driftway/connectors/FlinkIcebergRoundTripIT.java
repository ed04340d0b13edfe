package io.driftway.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.testsupport.flink.FlinkExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.util.Collector;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.dynamic.DynamicIcebergSink;
import org.apache.iceberg.flink.sink.dynamic.DynamicRecord;
import org.apache.iceberg.flink.sink.dynamic.DynamicRecordGenerator;
import org.apache.iceberg.flink.source.FlinkSource;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink MiniCluster fixture runs a real Iceberg job: the dynamic sink creates a partitioned
 * table, evolves its schema halfway, and a second job reads every row back.
 */
@ExtendWith(FlinkExtension.class)
class FlinkIcebergRoundTripIT {

  private static final int ROWS = 1_000;

  @Test
  void writesAnEvolvingPartitionedTableAndReadsItBack(FlinkCluster flink, @TempDir Path warehouse)
      throws Exception {
    CatalogLoader catalog =
        CatalogLoader.hadoop(
            "smoke", new Configuration(), Map.of("warehouse", warehouse.toUri().toString()));
    TableIdentifier id = TableIdentifier.of("db", "events");

    StreamExecutionEnvironment write = flink.environment(2);
    write.enableCheckpointing(1_000);
    DynamicIcebergSink.forInput(write.fromSequence(0, ROWS - 1))
        .generator(new EventGenerator(id))
        .catalogLoader(catalog)
        .immediateTableUpdate(false)
        .append();
    write.execute("iceberg-write");

    Table table = catalog.loadCatalog().loadTable(id);
    assertThat(table.schema().columns())
        .extracting(Types.NestedField::name)
        .containsExactly("id", "region", "note");
    assertThat(table.spec().fields()).extracting(f -> f.name()).containsExactly("region");

    StreamExecutionEnvironment read = flink.environment(2);
    List<RowData> rows =
        FlinkSource.forRowData()
            .env(read)
            .tableLoader(TableLoader.fromCatalog(catalog, id))
            .streaming(false)
            .build()
            .executeAndCollect(ROWS + 1);
    assertThat(rows).hasSize(ROWS);
    assertThat(rows.stream().map(r -> r.getLong(0)).collect(Collectors.toSet())).hasSize(ROWS);
    assertThat(rows.stream().filter(r -> !r.isNullAt(2)).count()).isEqualTo(ROWS / 2);
  }

  /**
   * Rows before the halfway mark lack {@code note}; rows after it carry it: drift in one stream.
   */
  private static final class EventGenerator implements DynamicRecordGenerator<Long> {
    private static final long serialVersionUID = 1L;

    // TableIdentifier is not Serializable: keep its parts and rebuild it on the task side.
    private final String database;
    private final String table;

    EventGenerator(TableIdentifier id) {
      this.database = id.namespace().level(0);
      this.table = id.name();
    }

    @Override
    public void generate(Long n, Collector<DynamicRecord> out) {
      Schema before =
          new Schema(
              Types.NestedField.required(1, "id", Types.LongType.get()),
              Types.NestedField.optional(2, "region", Types.StringType.get()));
      Schema after =
          new Schema(
              Types.NestedField.required(1, "id", Types.LongType.get()),
              Types.NestedField.optional(2, "region", Types.StringType.get()),
              Types.NestedField.optional(3, "note", Types.StringType.get()));
      StringData region = StringData.fromString(n % 2 == 0 ? "eu" : "us");
      boolean drifted = n >= ROWS / 2;
      Schema schema = drifted ? after : before;
      RowData row =
          drifted
              ? GenericRowData.of(n, region, StringData.fromString("late-" + n))
              : GenericRowData.of(n, region);
      PartitionSpec spec = PartitionSpec.builderFor(schema).identity("region").build();
      out.collect(
          new DynamicRecord(TableIdentifier.of(database, table), "main", schema, row, spec));
    }
  }
}
