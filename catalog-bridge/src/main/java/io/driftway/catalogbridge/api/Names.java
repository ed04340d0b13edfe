package io.driftway.catalogbridge.api;

import io.driftway.catalogbridge.model.GlueException;
import java.util.Locale;

/** Glue's name rules: 1 to 255 characters, no control characters; stored in lowercase. */
final class Names {

  private Names() {}

  /** The stored form of a database or table name, validated. */
  static String normalize(String name, String member, String action) {
    // Glue keeps catalog names in lowercase (as Hive does), so MyTable and mytable are one table.
    return validate(name, member, action).toLowerCase(Locale.ROOT);
  }

  /** A job or crawler name, validated; Glue keeps their case. */
  static String validate(String name, String member, String action) {
    if (name == null || name.isEmpty()) {
      throw GlueException.invalidInput(
          "Cannot " + action + ": " + member + " is required: " + name);
    }
    if (name.length() > 255) {
      throw GlueException.invalidInput(
          "Cannot " + action + ": " + member + " is longer than 255 characters: " + name);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 && c != '\t') {
        throw GlueException.invalidInput(
            "Cannot " + action + ": " + member + " contains a control character: " + name);
      }
    }
    return name;
  }

  static int pageSize(Integer requested, int max, String action) {
    if (requested == null) {
      return max;
    }
    if (requested < 1 || requested > max) {
      throw GlueException.invalidInput(
          "Cannot " + action + ": MaxResults must be between 1 and " + max + ": " + requested);
    }
    return requested;
  }
}
