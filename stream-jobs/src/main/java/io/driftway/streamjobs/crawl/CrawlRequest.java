package io.driftway.streamjobs.crawl;

import java.util.Objects;
import software.amazon.awssdk.services.glue.model.DeleteBehavior;
import software.amazon.awssdk.services.glue.model.UpdateBehavior;

/**
 * What to crawl and how: the location, the target table, the format (null: by file extension, or
 * the table's classification when it exists), Glue's SchemaChangePolicy and how many files to
 * sample.
 *
 * <pre>{@code
 * CrawlRequest request = CrawlRequest.builder()
 *     .location("s3://lake/events/")
 *     .database("raw")
 *     .table("events")
 *     .updateBehavior(UpdateBehavior.LOG)
 *     .build();
 * }</pre>
 */
public final class CrawlRequest {

  /** The default number of files read to infer a schema. */
  public static final int DEFAULT_SAMPLE_FILES = 20;

  /** The default crawler name written to {@code UPDATED_BY_CRAWLER}. */
  public static final String DEFAULT_CRAWLER_NAME = "driftway";

  private final String location;
  private final String database;
  private final String table;
  private final CrawlFormat format;
  private final UpdateBehavior updateBehavior;
  private final DeleteBehavior deleteBehavior;
  private final int sampleFiles;
  private final String crawlerName;

  private CrawlRequest(Builder builder) {
    this.location = Locations.folder(builder.location);
    this.database = builder.database;
    this.table = builder.table;
    this.format = builder.format;
    this.updateBehavior = builder.updateBehavior;
    this.deleteBehavior = builder.deleteBehavior;
    this.sampleFiles = builder.sampleFiles;
    this.crawlerName = builder.crawlerName;
  }

  /** A builder with Glue's defaults: UPDATE_IN_DATABASE, DEPRECATE_IN_DATABASE. */
  public static Builder builder() {
    return new Builder();
  }

  /** The table's root folder, normalized to end with {@code /}. */
  public String location() {
    return location;
  }

  public String database() {
    return database;
  }

  public String table() {
    return table;
  }

  /** The format, or null to detect it. */
  public CrawlFormat format() {
    return format;
  }

  public UpdateBehavior updateBehavior() {
    return updateBehavior;
  }

  public DeleteBehavior deleteBehavior() {
    return deleteBehavior;
  }

  /** At most this many files are read per crawl. */
  public int sampleFiles() {
    return sampleFiles;
  }

  /** The name written to the table's {@code UPDATED_BY_CRAWLER} parameter. */
  public String crawlerName() {
    return crawlerName;
  }

  @Override
  public String toString() {
    return "CrawlRequest{"
        + location
        + " -> "
        + database
        + "."
        + table
        + ", format="
        + (format == null ? "auto" : format.classification())
        + ", update="
        + updateBehavior
        + ", delete="
        + deleteBehavior
        + ", sampleFiles="
        + sampleFiles
        + "}";
  }

  /** Builds a {@link CrawlRequest}; {@link #build} validates it. */
  public static final class Builder {
    private String location;
    private String database;
    private String table;
    private CrawlFormat format;
    private UpdateBehavior updateBehavior = UpdateBehavior.UPDATE_IN_DATABASE;
    private DeleteBehavior deleteBehavior = DeleteBehavior.DEPRECATE_IN_DATABASE;
    private int sampleFiles = DEFAULT_SAMPLE_FILES;
    private String crawlerName = DEFAULT_CRAWLER_NAME;

    private Builder() {}

    /** {@code s3://bucket/prefix} or a local folder. */
    public Builder location(String value) {
      this.location = value;
      return this;
    }

    public Builder database(String value) {
      this.database = value;
      return this;
    }

    public Builder table(String value) {
      this.table = value;
      return this;
    }

    /** The format, or null to detect it from file extensions. */
    public Builder format(CrawlFormat value) {
      this.format = value;
      return this;
    }

    public Builder updateBehavior(UpdateBehavior value) {
      this.updateBehavior = Objects.requireNonNull(value, "updateBehavior");
      return this;
    }

    public Builder deleteBehavior(DeleteBehavior value) {
      this.deleteBehavior = Objects.requireNonNull(value, "deleteBehavior");
      return this;
    }

    public Builder sampleFiles(int value) {
      this.sampleFiles = value;
      return this;
    }

    public Builder crawlerName(String value) {
      this.crawlerName = Objects.requireNonNull(value, "crawlerName");
      return this;
    }

    /** Validates and builds. */
    public CrawlRequest build() {
      require(location, "a location");
      require(database, "a database");
      require(table, "a table");
      if (sampleFiles < 1) {
        throw new IllegalArgumentException(
            "Cannot crawl: the number of sample files must be positive: " + sampleFiles);
      }
      if (updateBehavior == UpdateBehavior.UNKNOWN_TO_SDK_VERSION
          || deleteBehavior == DeleteBehavior.UNKNOWN_TO_SDK_VERSION) {
        throw new IllegalArgumentException(
            "Cannot crawl: unknown schema change policy: " + updateBehavior + "/" + deleteBehavior);
      }
      return new CrawlRequest(this);
    }

    private static void require(String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("Cannot crawl: " + what + " is needed: " + value);
      }
    }
  }
}
