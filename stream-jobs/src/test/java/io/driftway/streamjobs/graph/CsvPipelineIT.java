package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Single-line CSV messages from Kafka with a configured header, delimiter and null tokens: cells
 * become typed columns, null tokens become nulls, a quoted cell may hold the delimiter, and an
 * unterminated quote goes to quarantine.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class CsvPipelineIT {

  @Test
  void typesCellsReadsNullTokensAndQuarantinesABrokenLine(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "readings-" + suffix;
    kafka.createTopic(topic, 2);
    List<byte[]> lines = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lines.add(utf8("s-%02d;%d.5;%d;C;true;2026-11-01T10:%02d:00Z".formatted(i, i, i, i)));
    }
    lines.add(utf8("s-30;n/a;30;NULL;false;2026-11-01T10:30:00Z"));
    lines.add(utf8("\"s-31;north\";31.5;;C;;2026-11-01T10:31:00Z"));
    lines.add(utf8("\"s-32;32.5;32;C;true;2026-11-01T10:32:00Z"));
    PipelineHarness.produce(kafka, topic, lines);

    PipelineSpec spec =
        PipelineHarness.spec(
            "sensors.yaml",
            """
            name: sensors-%s
            sources:
              - kafka:
                  bootstrap-servers: %s
                  topics: [%s]
                  starting-position: earliest
            format:
              type: csv
              csv:
                delimiter: ";"
                quote: '"'
                null-tokens: ["", "NULL", "n/a"]
                header: [sensor_id, reading, count, unit, ok, measured_at]
            routing:
              table: readings
            tables:
              - name: readings
                database: iot
                partition-by: [day(measured_at)]
                hints:
                  measured_at: timestamp
            %s
            checkpointing:
              interval: 1s
            parallelism: 2
            """
                .formatted(
                    suffix,
                    kafka.bootstrapServers(),
                    topic,
                    PipelineHarness.lake(s3, postgres, suffix)));

    Catalog catalog = Catalogs.loader(spec).loadCatalog();
    TableIdentifier readings = TableIdentifier.of("iot", "readings");
    TableIdentifier quarantine = TableIdentifier.of("iot", "readings_quarantine");
    JobClient job = PipelineHarness.start(flink, spec);
    try {
      List<Record> rows = PipelineHarness.awaitRows(catalog, readings, 32);
      List<Record> refused = PipelineHarness.awaitRows(catalog, quarantine, 1);

      assertThat(rows).hasSize(32);
      java.util.Map<String, Record> bySensor =
          rows.stream()
              .collect(
                  Collectors.toMap(r -> (String) r.getField("sensor_id"), Function.identity()));
      assertThat(bySensor).hasSize(32);
      Types.StructType schema = catalog.loadTable(readings).schema().asStruct();
      assertThat(schema.field("reading").type()).isEqualTo(Types.DoubleType.get());
      assertThat(schema.field("count").type()).isEqualTo(Types.IntegerType.get());
      assertThat(schema.field("ok").type()).isEqualTo(Types.BooleanType.get());
      assertThat(schema.field("unit").type()).isEqualTo(Types.StringType.get());
      assertThat(schema.field("measured_at").type().typeId()).isEqualTo(Type.TypeID.TIMESTAMP);
      assertThat(catalog.loadTable(readings).spec().fields())
          .extracting(f -> f.transform().toString())
          .containsExactly("day");

      Record typed = bySensor.get("s-07");
      assertThat(typed.getField("reading")).isEqualTo(7.5);
      assertThat(typed.getField("count")).isEqualTo(7);
      assertThat(typed.getField("ok")).isEqualTo(true);
      assertThat(typed.getField("measured_at").toString()).startsWith("2026-11-01T10:07");
      Record nulls = bySensor.get("s-30");
      assertThat(nulls.getField("reading")).isNull();
      assertThat(nulls.getField("unit")).isNull();
      assertThat(nulls.getField("ok")).isEqualTo(false);
      Record quoted = bySensor.get("s-31;north");
      assertThat(quoted.getField("count")).isNull();
      assertThat(quoted.getField("ok")).isNull();
      assertThat(quoted.getField("reading")).isEqualTo(31.5);

      assertThat(refused).hasSize(1);
      Record bad = refused.get(0);
      assertThat(bad.getField("stage")).isEqualTo("decode");
      assertThat(bad.getField("reason"))
          .isEqualTo(
              "Cannot decode CSV record: unterminated quoted cell: kafka:"
                  + PipelineHarness.coordinates(bad));
      assertThat(bad.getField("raw_text")).isEqualTo("\"s-32;32.5;32;C;true;2026-11-01T10:32:00Z");
    } finally {
      job.cancel().get();
    }
  }
}
