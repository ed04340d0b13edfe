package io.driftway.connectors.files;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.SeekableInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Parquet's random access over S3: a range GET from the current position to the end of the object,
 * reopened only on a backwards seek or a forward seek too far to read through. Each GET is pinned
 * to the listed ETag, so a file rewritten while it is read fails instead of mixing versions.
 */
final class S3RangeInputFile implements org.apache.parquet.io.InputFile {

  /** Forward seeks shorter than this read through the open response instead of a new request. */
  private static final long READ_THROUGH_BYTES = 1 << 20;

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final InputFile file;

  S3RangeInputFile(S3Client s3, String bucket, String key, InputFile file) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.file = file;
  }

  @Override
  public long getLength() {
    return file.sizeBytes();
  }

  @Override
  public String toString() {
    // Parquet names the file by this in its own messages.
    return file.location();
  }

  @Override
  public SeekableInputStream newStream() {
    RangeStream range = new RangeStream();
    return new DelegatingSeekableInputStream(range) {
      @Override
      public long getPos() {
        return range.position;
      }

      @Override
      public void seek(long newPos) throws IOException {
        range.seek(newPos);
      }
    };
  }

  /** A stream at a position in the object, backed by at most one open range response. */
  private final class RangeStream extends InputStream {
    private long position;
    private ResponseInputStream<GetObjectResponse> body;
    private long bodyPosition;

    void seek(long target) throws IOException {
      if (target < 0 || target > file.sizeBytes()) {
        throw new EOFException(
            "Cannot seek: position " + target + " is outside the file: " + file.location());
      }
      position = target;
    }

    private void ensureOpen() throws IOException {
      if (body != null
          && position >= bodyPosition
          && position - bodyPosition < READ_THROUGH_BYTES) {
        long skip = position - bodyPosition;
        while (skip > 0) {
          long skipped = body.skip(skip);
          if (skipped <= 0) {
            break;
          }
          skip -= skipped;
          bodyPosition += skipped;
        }
        if (skip == 0) {
          return;
        }
      }
      closeBody();
      try {
        body =
            s3.getObject(
                GetObjectRequest.builder()
                    .bucket(bucket)
                    .key(key)
                    .range("bytes=" + position + "-")
                    .ifMatch("\"" + file.version() + "\"")
                    .build());
      } catch (S3Exception e) {
        if (e.statusCode() == 412) {
          throw FileReadException.read(
              "it changed since it was listed (version " + file.version() + ")",
              file.location(),
              e);
        }
        throw new IOException(FileReadException.reason(e), e);
      } catch (SdkException e) {
        throw new IOException(FileReadException.reason(e), e);
      }
      bodyPosition = position;
    }

    @Override
    public int read() throws IOException {
      if (position >= file.sizeBytes()) {
        return -1;
      }
      ensureOpen();
      int b = body.read();
      if (b >= 0) {
        position++;
        bodyPosition++;
      }
      return b;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (position >= file.sizeBytes()) {
        return -1;
      }
      ensureOpen();
      int n = body.read(target, offset, length);
      if (n > 0) {
        position += n;
        bodyPosition += n;
      }
      return n;
    }

    private void closeBody() {
      if (body != null) {
        // Abort rather than drain: the rest of the range is not wanted.
        body.abort();
        body = null;
      }
    }

    @Override
    public void close() {
      closeBody();
    }
  }
}
