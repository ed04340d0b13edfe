package io.driftway.schemaevolution.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a table does with a field it has no column for (Auto Loader's schema evolution modes, Glue's
 * {@code UPDATE_IN_DATABASE} / {@code LOG}).
 */
public enum NewFieldAction {
  /** Add an optional column (the default). One {@code ADD_COLUMN} change. */
  EVOLVE,
  /**
   * Keep the schema; the field's values go to the rescued-data column. One {@code RESCUE_FIELD}
   * change, so someone hears about it.
   */
  RESCUE,
  /**
   * Refuse: evolving throws {@code NewFieldRefusedException} and the pipeline stops for good (no
   * restart) before the record is committed, so a run with another policy resumes from it.
   */
  FAIL,
  /**
   * Keep the schema without telling anyone; the values still go to the rescued-data column, so
   * nothing is lost.
   */
  IGNORE,
  /**
   * Wait for a person: a record that would add the column is held (evolving throws {@code
   * NewFieldHeldException} naming every held field), while records that fit keep flowing. Once the
   * column is approved (added to the table), records that bring it fit and are written.
   */
  HOLD;

  /**
   * The name used in configuration: {@code evolve}, {@code rescue}, {@code fail}, {@code ignore},
   * {@code hold}.
   */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every configuration name, in declaration order: {@code evolve, rescue, fail, ignore, hold}. */
  public static List<String> configNames() {
    return Arrays.stream(values()).map(NewFieldAction::configName).toList();
  }

  /** Whether {@code text} is one of the {@link #configNames()}. */
  public static boolean isConfigName(String text) {
    return configNames().contains(text);
  }

  /** Reads a configuration name. */
  public static NewFieldAction parse(String text) {
    for (NewFieldAction action : values()) {
      if (action.configName().equalsIgnoreCase(text.trim())) {
        return action;
      }
    }
    throw new IllegalArgumentException(
        "Cannot parse new-field action: expected evolve, rescue, fail, ignore or hold: " + text);
  }
}
