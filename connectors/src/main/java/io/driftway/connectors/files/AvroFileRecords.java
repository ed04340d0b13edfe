package io.driftway.connectors.files;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * The records of an Avro object container file, streamed block by block; each becomes an Avro
 * binary datum with the file's writer schema. Coordinates are the file and the record number.
 */
final class AvroFileRecords implements FileRecords {

  private final InputFile file;
  private final DataFileStream<GenericRecord> stream;
  private final AvroEncoding avro = new AvroEncoding();
  private final Map<String, String> partitions;
  private GenericRecord reuse;
  private long records;

  private AvroFileRecords(InputFile file, DataFileStream<GenericRecord> stream) {
    this.file = file;
    this.stream = stream;
    this.partitions = file.partitions();
  }

  static FileRecords open(InputFile file, InputStream in) {
    try {
      return new AvroFileRecords(
          file,
          new DataFileStream<>(
              DataFiles.buffered(in), new GenericDatumReader<>(null, null, GenericData.get())));
    } catch (IOException | AvroRuntimeException e) {
      TextFileRecords.closeQuietly(in);
      throw FileReadException.read(
          "not an Avro container file (" + FileReadException.reason(e) + ")", file.location(), e);
    }
  }

  @Override
  public RawRecord next() {
    try {
      if (!stream.hasNext()) {
        return null;
      }
      reuse = stream.next(reuse);
      records++;
      return RawRecord.ofFile(
          avro.encode(reuse),
          avro.encoding(),
          partitions,
          SourceCoordinates.file(file.location(), records),
          -1);
    } catch (IOException | AvroRuntimeException e) {
      throw FileReadException.read(
          "corrupt Avro data after record " + records + " (" + FileReadException.reason(e) + ")",
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
    try {
      stream.close();
    } catch (IOException e) {
      // Reading is over (or failed with its own error); a failing close changes nothing.
    }
  }
}
