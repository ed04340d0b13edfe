package io.driftway.catalogbridge.model;

/**
 * A Glue {@code SchemaChangePolicy}: what a crawl does to a table whose files changed ({@code
 * UpdateBehavior}) or are gone ({@code DeleteBehavior}).
 */
public record SchemaChangePolicy(UpdateBehavior updateBehavior, DeleteBehavior deleteBehavior) {

  /** Glue's default: update tables, deprecate those whose files are gone. */
  public static final SchemaChangePolicy DEFAULT =
      new SchemaChangePolicy(
          UpdateBehavior.UPDATE_IN_DATABASE, DeleteBehavior.DEPRECATE_IN_DATABASE);

  /** What a crawl does to a table whose files have a new schema. */
  public enum UpdateBehavior {
    /** Change the table in the catalog. */
    UPDATE_IN_DATABASE,
    /** Only log the change; the table stays as it is. */
    LOG
  }

  /** What a crawl does to a table whose files are gone. */
  public enum DeleteBehavior {
    /** Only log it. */
    LOG,
    /** Delete the table. */
    DELETE_FROM_DATABASE,
    /** Keep the table, marked deprecated. */
    DEPRECATE_IN_DATABASE
  }

  /** The update behavior in force, with Glue's default. */
  public UpdateBehavior effectiveUpdateBehavior() {
    return updateBehavior == null ? DEFAULT.updateBehavior() : updateBehavior;
  }

  /** The delete behavior in force, with Glue's default. */
  public DeleteBehavior effectiveDeleteBehavior() {
    return deleteBehavior == null ? DEFAULT.deleteBehavior() : deleteBehavior;
  }
}
