package org.apache.iceberg.formats;

import org.apache.iceberg.util.Pair;

/**
 * Replaces the format model Iceberg registered for a file format and an engine's row type, so that
 * every writer Iceberg builds for them through {@link FormatModelRegistry} (the Flink sinks' {@code
 * FlinkFileWriterFactory} among them) gets the replacement's value writers.
 *
 * <p>This class lives in Iceberg's package because {@link FormatModelRegistry#register} refuses a
 * second model for the same format and type, and the map it keeps is reachable only from its own
 * package. A package is shared only within one class loader: when Iceberg and this class were
 * loaded by different ones, {@link #replace} fails with an {@link IllegalAccessError}, which the
 * caller catches to keep Iceberg's own model (see {@code io.driftway.connectors.columnar}).
 *
 * <pre>{@code
 * FormatModelOverride.replace(ParquetFormatModel.create(RowData.class, RowType.class, writers, readers));
 * }</pre>
 */
public final class FormatModelOverride {

  private FormatModelOverride() {}

  /**
   * Puts {@code model} in the registry in place of the one registered for its format and type.
   *
   * @throws IllegalAccessError when Iceberg's registry was loaded by another class loader
   */
  public static void replace(FormatModel<?, ?> model) {
    FormatModelRegistry.models().put(Pair.of(model.format(), model.type()), model);
  }
}
