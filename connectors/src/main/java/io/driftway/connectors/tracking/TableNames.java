package io.driftway.connectors.tracking;

import java.util.Locale;
import java.util.regex.Pattern;

/** Table names from topic, stream and field values: lower case, letters, digits and {@code _}. */
final class TableNames {

  private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9_]+");
  private static final Pattern VALID = Pattern.compile("[a-z_][a-z0-9_]{0,254}");

  private TableNames() {}

  /**
   * {@code orders.v2-eu} becomes {@code orders_v2_eu}; Glue and Athena fold names to lower case.
   */
  static String sanitize(String raw) {
    String name = NOT_ALLOWED.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("_");
    return !name.isEmpty() && Character.isDigit(name.charAt(0)) ? "_" + name : name;
  }

  static boolean isValid(String name) {
    return VALID.matcher(name).matches();
  }
}
