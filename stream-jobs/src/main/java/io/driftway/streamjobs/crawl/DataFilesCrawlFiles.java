package io.driftway.streamjobs.crawl;

import io.driftway.catalogbridge.storage.S3Settings;
import io.driftway.connectors.files.DataFiles;
import io.driftway.connectors.files.FileFormat;
import io.driftway.connectors.files.FileRecords;
import io.driftway.connectors.files.InputFile;
import io.driftway.connectors.files.S3Access;
import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.format.RecordDecoder;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The crawler's file access over the connectors' file source: delimiter listings for folder levels,
 * and records decoded by the same decoders a backfill uses, so a crawled column gets the type the
 * pipeline gives it. Records a decoder rejects are left out of the sample (counted).
 */
final class DataFilesCrawlFiles implements CrawlFiles {

  private final DataFiles files;
  private final RecordDecoder decoder = RecordDecoder.create(FormatSettings.files());
  private final Map<String, InputFile> listed = new HashMap<>();
  private long rejected;

  DataFilesCrawlFiles(S3Settings s3) {
    this.files = DataFiles.create(access(s3));
  }

  private static S3Access access(S3Settings s3) {
    S3Access access = S3Access.of(s3.region() == null ? "us-east-1" : s3.region());
    if (s3.endpoint() != null) {
      access = access.withEndpoint(s3.endpoint());
    }
    if (s3.pathStyleAccess()) {
      access = access.withPathStyle(true);
    }
    if (s3.accessKeyId() != null) {
      access = access.withStaticCredentials(s3.accessKeyId(), s3.secretAccessKey());
    }
    return access;
  }

  @Override
  public List<String> folders(String folder) {
    List<String> names = new ArrayList<>();
    for (String location : files.listFolders(folder)) {
      String trimmed = location.substring(0, location.length() - 1);
      names.add(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }
    return names;
  }

  @Override
  public List<Entry> files(String folder) {
    List<Entry> entries = new ArrayList<>();
    for (InputFile file : files.list(folder)) {
      listed.put(file.location(), file);
      entries.add(new Entry(file.location(), file.name(), file.sizeBytes()));
    }
    return entries;
  }

  @Override
  public FileSample read(Entry file, CrawlFormat format, int maxRecords) {
    InputFile input = listed.get(file.location());
    if (input == null) {
      throw new IllegalStateException(
          "Cannot read file: it was not listed by this crawl: " + file.location());
    }
    List<DynamicRecord> records = new ArrayList<>();
    boolean quoted = false;
    try (FileRecords raw = files.open(input, fileFormat(format), 0)) {
      for (RawRecord record = raw.next();
          record != null && records.size() < maxRecords;
          record = raw.next()) {
        if (format == CrawlFormat.CSV && !quoted) {
          quoted = hasQuote(record.value());
        }
        try {
          records.add(decoder.decode(record, InferenceOptions.defaults()));
        } catch (RecordRejectedException e) {
          rejected++;
        }
      }
    }
    return new FileSample(records, quoted);
  }

  private static boolean hasQuote(byte[] row) {
    if (row != null) {
      for (byte b : row) {
        if (b == '"') {
          return true;
        }
      }
    }
    return false;
  }

  /** Records the decoders rejected so far. */
  long rejected() {
    return rejected;
  }

  private static FileFormat fileFormat(CrawlFormat format) {
    return switch (format) {
      case PARQUET -> FileFormat.PARQUET;
      case JSON -> FileFormat.JSON_LINES;
      case CSV -> FileFormat.CSV;
      case AVRO -> FileFormat.AVRO;
    };
  }

  @Override
  public void close() {
    decoder.close();
    files.close();
  }
}
