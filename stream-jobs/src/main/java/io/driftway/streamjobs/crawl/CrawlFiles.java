package io.driftway.streamjobs.crawl;

import io.driftway.schemaevolution.record.DynamicRecord;
import java.util.List;

/**
 * The crawler's view of a file store: the immediate sub-folders of a folder (a delimiter listing,
 * so a crawl never lists below the folders it needs), the files of a partition folder, and the
 * first records of a file decoded into dynamic records. Folder locations end with {@code /}.
 */
interface CrawlFiles extends AutoCloseable {

  /** A data file: where it is, its name (the last path segment) and size. */
  record Entry(String location, String name, long size) {}

  /** The names of the immediate sub-folders of {@code folder} (no trailing {@code /}). */
  List<String> folders(String folder);

  /** The data files under {@code folder} (called on folders without sub-folders). */
  List<Entry> files(String folder);

  /**
   * What a file gave: its first records, decoded, and whether a CSV row had a quoted cell (Glue's
   * crawler then picks OpenCSVSerde, since LazySimpleSerDe does not unquote).
   */
  record FileSample(List<DynamicRecord> records, boolean quoted) {
    public FileSample {
      records = List.copyOf(records);
    }
  }

  /** Up to {@code maxRecords} records of a file, in file order, decoded as {@code format}. */
  FileSample read(Entry file, CrawlFormat format, int maxRecords);

  @Override
  void close();
}
