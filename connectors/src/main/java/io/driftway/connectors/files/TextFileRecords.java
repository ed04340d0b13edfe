package io.driftway.connectors.files;

import io.driftway.connectors.source.Encoding;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * JSON lines and CSV rows, streamed through a fixed buffer. Each record's coordinates are its file
 * and its (first) line; blank lines are not records. A CSV file's first row is its header, carried
 * by every row's {@link Encoding}; a newline inside a quoted cell does not end a row.
 *
 * <p>Records are not parsed here: a bad JSON line is still a record, rejected (and quarantined)
 * when it is decoded, so one bad line does not stop the file.
 */
final class TextFileRecords implements FileRecords {

  private static final byte QUOTE = '"';

  private final InputFile file;
  private final InputStream in;
  private final boolean csv;
  private final Map<String, String> partitions;
  private final byte[] buffer;
  private int position;
  private int limit;
  private boolean eof;
  private byte[] line = new byte[1 << 10];
  private int lineLength;

  /** Lines consumed so far; the next line is number {@code lines + 1}. */
  private long lines;

  private long records;
  private Encoding encoding;

  private TextFileRecords(InputFile file, InputStream in, boolean csv) {
    this.file = file;
    this.in = in;
    this.csv = csv;
    this.partitions = file.partitions();
    this.encoding = csv ? null : Encoding.json();
    // A backfill may open thousands of 1 KB files: size the buffer to the file, up to 64 KB.
    this.buffer = new byte[(int) Math.max(1 << 10, Math.min(1 << 16, file.sizeBytes() + 1))];
  }

  static FileRecords open(InputFile file, FileFormat format, InputStream raw) {
    InputStream in = raw;
    try {
      if (FileFormat.isGzip(file.location())) {
        in = new GZIPInputStream(raw, 1 << 16);
      }
    } catch (IOException e) {
      closeQuietly(raw);
      throw FileReadException.read(
          "not a gzip file (" + FileReadException.reason(e) + ")", file.location(), e);
    }
    TextFileRecords records = new TextFileRecords(file, in, format == FileFormat.CSV);
    if (records.csv) {
      try {
        records.readHeader();
      } catch (RuntimeException e) {
        records.close();
        throw e;
      }
    }
    return records;
  }

  private void readHeader() {
    long first = nextLine();
    if (first < 0) {
      // An empty CSV file (or only blank lines): no header, no rows.
      encoding = Encoding.csv("");
      return;
    }
    encoding = Encoding.csv(new String(line, 0, lineLength, StandardCharsets.UTF_8));
  }

  @Override
  public RawRecord next() {
    long at = nextLine();
    if (at < 0) {
      return null;
    }
    records++;
    return RawRecord.ofFile(
        Arrays.copyOf(line, lineLength),
        encoding,
        partitions,
        SourceCoordinates.file(file.location(), at),
        -1);
  }

  @Override
  public long position() {
    return records;
  }

  /**
   * Reads the next non-blank line (CSV: row) into {@link #line}; returns its 1-based line number,
   * or -1 at the end of the file.
   */
  private long nextLine() {
    while (true) {
      lineLength = 0;
      long number = lines + 1;
      boolean quoted = false;
      boolean read = false;
      boolean ended = false;
      while (!ended) {
        if (position == limit && !fill()) {
          break;
        }
        read = true;
        byte b = buffer[position++];
        if (b == '\n') {
          lines++;
          ended = !quoted;
          if (ended) {
            continue;
          }
        } else if (csv && b == QUOTE) {
          // A doubled quote toggles twice: an escaped quote leaves the state as it was.
          quoted = !quoted;
        }
        append(b);
      }
      if (!read) {
        return -1;
      }
      if (!ended) {
        // The last line has no newline: it is still a line.
        lines++;
      }
      if (lineLength > 0 && line[lineLength - 1] == '\r') {
        lineLength--;
      }
      if (number == 1) {
        stripByteOrderMark();
      }
      if (!isBlank()) {
        return number;
      }
    }
  }

  private boolean fill() {
    if (eof) {
      return false;
    }
    try {
      int n = in.read(buffer);
      while (n == 0) {
        n = in.read(buffer);
      }
      if (n < 0) {
        eof = true;
        position = limit = 0;
        return false;
      }
      position = 0;
      limit = n;
      return true;
    } catch (EOFException e) {
      throw FileReadException.read(
          "the file is truncated (" + FileReadException.reason(e) + ")", file.location(), e);
    } catch (ZipException e) {
      throw FileReadException.read(
          "corrupt gzip data (" + FileReadException.reason(e) + ")", file.location(), e);
    } catch (IOException e) {
      throw FileReadException.read(FileReadException.reason(e), file.location(), e);
    }
  }

  private void append(byte b) {
    if (lineLength == line.length) {
      line = Arrays.copyOf(line, line.length * 2);
    }
    line[lineLength++] = b;
  }

  private void stripByteOrderMark() {
    if (lineLength >= 3
        && line[0] == (byte) 0xEF
        && line[1] == (byte) 0xBB
        && line[2] == (byte) 0xBF) {
      System.arraycopy(line, 3, line, 0, lineLength - 3);
      lineLength -= 3;
    }
  }

  private boolean isBlank() {
    for (int i = 0; i < lineLength; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    closeQuietly(in);
  }

  static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Reading is over (or failed with its own error); a failing close changes nothing.
    }
  }
}
