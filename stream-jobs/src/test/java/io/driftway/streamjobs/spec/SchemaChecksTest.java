package io.driftway.streamjobs.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaChecksTest {

  @TempDir Path dir;

  private HadoopCatalog catalog;

  @BeforeEach
  void createExistingTable() {
    catalog = new HadoopCatalog(new Configuration(), dir.resolve("warehouse").toString());
    catalog.createTable(
        TableIdentifier.of("web", "clicks"),
        new Schema(
            Types.NestedField.optional(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "ts", Types.StringType.get()),
            Types.NestedField.optional(3, "amount", Types.DecimalType.of(10, 2))),
        PartitionSpec.unpartitioned(),
        Map.of());
  }

  private static PipelineSpec spec(String tables) {
    return PipelineSpecLoader.parse(
        "p.yaml",
        """
        name: clicks
        sources:
          - kafka:
              bootstrap-servers: 127.0.0.1:9092
              topics: [clicks]
        routing:
          table: clicks
        warehouse:
          location: ./warehouse
        catalog:
          type: hadoop
        tables:
          - name: clicks
            database: web
        """
            + tables,
        name -> null);
  }

  @Test
  void refusesATimeTransformOnAnExistingStringColumnEvenWithAHint() {
    PipelineSpec spec = spec("    partition-by: [day(ts)]\n    hints: {ts: timestamptz}\n");

    assertThatThrownBy(() -> SchemaChecks.againstCatalog(spec, catalog))
        .isInstanceOf(SpecException.class)
        .hasMessage(
            "Cannot start pipeline: table web.clicks: partition transform 'day(ts)' needs a date"
                + " or timestamp column, but the existing table has ts as string: partition by"
                + " identity(ts) or a transform that fits string: p.yaml:15"
                + " tables[0].partition-by[0]");
  }

  @Test
  void refusesAHintTheExistingColumnCannotBecome() {
    PipelineSpec spec = spec("    hints:\n      amount: decimal(10,4)\n");

    assertThatThrownBy(() -> SchemaChecks.againstCatalog(spec, catalog))
        .hasMessage(
            "Cannot start pipeline: table web.clicks: the hint makes amount decimal(10,4), but"
                + " the existing table has it as decimal(10,2) and Iceberg cannot change one into"
                + " the other: hint it as decimal(10,2) or drop the hint: p.yaml:16"
                + " tables[0].hints");
  }

  @Test
  void refusesACastTheExistingColumnCannotHold() {
    PipelineSpec spec = spec("    policies:\n      overrides:\n        /id: cast:string\n");

    assertThatThrownBy(() -> SchemaChecks.againstCatalog(spec, catalog))
        .hasMessage(
            "Cannot start pipeline: table web.clicks: override /id: cast:string makes values"
                + " string, but the existing table has the column as long, which cannot hold them:"
                + " use cast:long or match_catalog: p.yaml:17 tables[0].policies.overrides");
  }

  @Test
  void acceptsWideningHintsTransformsThatFitAndTablesNotCreatedYet() {
    PipelineSpec fits =
        spec(
            """
                partition-by: ["bucket(8, id)", "truncate(4, ts)"]
                hints:
                  amount: decimal(12,2)
                  id: int
            """);
    PipelineSpec absent =
        PipelineSpecLoader.parse(
            "p.yaml",
            """
            name: views
            sources:
              - kafka:
                  bootstrap-servers: 127.0.0.1:9092
                  topics: [views]
            routing:
              table: views
            warehouse:
              location: ./warehouse
            catalog:
              type: hadoop
            tables:
              - name: views
                database: web
                partition-by: [day(ts)]
                hints: {ts: timestamptz}
            """,
            name -> null);

    assertThatCode(() -> SchemaChecks.againstCatalog(fits, catalog)).doesNotThrowAnyException();
    assertThat(catalog.tableExists(TableIdentifier.of("web", "views"))).isFalse();
    assertThatCode(() -> SchemaChecks.againstCatalog(absent, catalog)).doesNotThrowAnyException();
  }
}
