package io.driftway.connectors.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

/** Writes small data files of each format for tests: records {@code {id, name}}. */
public final class TestFiles {

  /** The schema of the test records. */
  public static final Schema SCHEMA =
      SchemaBuilder.record("Event")
          .namespace("io.driftway.test")
          .fields()
          .requiredLong("id")
          .requiredString("name")
          .endRecord();

  private TestFiles() {}

  /** Records {@code from..from+count-1}, in the format named by {@code file}'s extension. */
  public static Path write(Path file, long from, int count) {
    try {
      Files.createDirectories(file.getParent());
      String name = file.getFileName().toString();
      FileFormat format = FileFormat.detect(name);
      switch (format) {
        case JSON_LINES -> text(file, jsonLines(from, count));
        case CSV -> text(file, csv(from, count));
        case AVRO -> Files.write(file, avro(from, count));
        case PARQUET -> parquet(file, from, count);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String jsonLines(long from, int count) {
    StringBuilder out = new StringBuilder();
    for (long i = from; i < from + count; i++) {
      out.append("{\"id\":").append(i).append(",\"name\":\"n").append(i).append("\"}\n");
    }
    return out.toString();
  }

  public static String csv(long from, int count) {
    StringBuilder out = new StringBuilder("id,name\n");
    for (long i = from; i < from + count; i++) {
      out.append(i).append(",n").append(i).append('\n');
    }
    return out.toString();
  }

  /** Writes {@code text} as UTF-8, gzip-compressed when the name ends in {@code .gz}. */
  public static void text(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Files.write(file, file.toString().endsWith(".gz") ? gzip(bytes) : bytes);
  }

  public static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  public static byte[] avro(long from, int count) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
      // Small blocks, so that reading crosses block boundaries.
      writer.setSyncInterval(64);
      writer.create(SCHEMA, out);
      for (GenericRecord record : records(from, count)) {
        writer.append(record);
      }
    }
    return out.toByteArray();
  }

  public static void parquet(Path file, long from, int count) throws IOException {
    Files.deleteIfExists(file);
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
            .withSchema(SCHEMA)
            .withConf(new PlainParquetConfiguration())
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            // Small row groups and pages, so that reading crosses them.
            .withRowGroupSize(4L << 10)
            .withPageSize(1 << 10)
            .build()) {
      for (GenericRecord record : records(from, count)) {
        writer.write(record);
      }
    }
  }

  private static List<GenericRecord> records(long from, int count) {
    List<GenericRecord> records = new java.util.ArrayList<>();
    for (long i = from; i < from + count; i++) {
      GenericRecord record = new GenericData.Record(SCHEMA);
      record.put("id", i);
      record.put("name", "n" + i);
      records.add(record);
    }
    return records;
  }
}
