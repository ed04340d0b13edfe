package io.driftway.connectors.files;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * The records of a Parquet file, read row group by row group as Avro records (parquet-avro, no
 * Hadoop configuration), each passed on as an Avro binary datum with its schema.
 */
final class ParquetFileRecords implements FileRecords {

  private final InputFile file;
  private final ParquetReader<GenericRecord> reader;
  private final AvroEncoding avro = new AvroEncoding();
  private final Map<String, String> partitions;
  private long records;

  /** The first record, read at open so that an unreadable file fails there; null once taken. */
  private GenericRecord pending;

  private boolean pendingTaken;

  private ParquetFileRecords(InputFile file, ParquetReader<GenericRecord> reader) {
    this.file = file;
    this.reader = reader;
    this.partitions = file.partitions();
  }

  static FileRecords open(InputFile file, org.apache.parquet.io.InputFile input) {
    ParquetReader<GenericRecord> reader = null;
    try {
      reader =
          AvroParquetReader.<GenericRecord>builder(input, new PlainParquetConfiguration())
              // No logical-type conversions: values stay what the Avro binary encoding writes.
              .withDataModel(GenericData.get())
              .build();
      ParquetFileRecords records = new ParquetFileRecords(file, reader);
      // parquet-mr opens lazily: read the footer and first page now, so a file that is not
      // Parquet (or is cut short) fails as such rather than as corrupt data.
      records.pending = reader.read();
      return records;
    } catch (IOException | RuntimeException e) {
      closeQuietly(reader);
      if (e instanceof FileReadException read) {
        throw read;
      }
      throw FileReadException.read(
          "not a readable Parquet file (" + FileReadException.reason(e) + ")", file.location(), e);
    }
  }

  @Override
  public RawRecord next() {
    try {
      GenericRecord record;
      if (pendingTaken) {
        record = reader.read();
      } else {
        record = pending;
        pending = null;
        pendingTaken = true;
      }
      if (record == null) {
        return null;
      }
      records++;
      return RawRecord.ofFile(
          avro.encode(record),
          avro.encoding(),
          partitions,
          SourceCoordinates.file(file.location(), records),
          -1);
    } catch (FileReadException e) {
      throw e;
    } catch (IOException | AvroRuntimeException | IllegalStateException e) {
      throw FileReadException.read(
          "corrupt Parquet data after record " + records + " (" + FileReadException.reason(e) + ")",
          file.location(),
          e);
    } catch (RuntimeException e) {
      // parquet-mr signals corrupt pages with assorted runtime exceptions
      // (ParquetDecodingException,
      // IndexOutOfBounds): the file is unusable either way.
      throw FileReadException.read(
          "corrupt Parquet data after record " + records + " (" + FileReadException.reason(e) + ")",
          file.location(),
          e);
    }
  }

  @Override
  public long position() {
    return records;
  }

  @Override
  public void close() {
    closeQuietly(reader);
  }

  private static void closeQuietly(ParquetReader<GenericRecord> reader) {
    if (reader == null) {
      return;
    }
    try {
      reader.close();
    } catch (IOException e) {
      // Reading is over (or failed with its own error); a failing close changes nothing.
    }
  }
}
