package io.driftway.streamjobs.crawl;

/** A crawl that could not finish; the message says what to change ({@code Cannot crawl: ...}). */
public final class CrawlException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a {@code Cannot crawl: <reason>: <value>} message. */
  public CrawlException(String message) {
    super(message);
  }

  /** An exception with a message and its cause. */
  public CrawlException(String message, Throwable cause) {
    super(message, cause);
  }
}
