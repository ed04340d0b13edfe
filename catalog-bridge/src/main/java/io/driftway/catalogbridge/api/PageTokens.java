package io.driftway.catalogbridge.api;

import io.driftway.catalogbridge.model.GlueException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * NextToken values: opaque to clients, a listing's resume key inside ({@code <kind>:<key>},
 * base64url). A token from another listing is refused rather than misread.
 */
final class PageTokens {

  private PageTokens() {}

  static String encode(String kind, String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** The resume key, or null for no token. */
  static String decode(String kind, String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(kind, token);
    }
    if (!text.startsWith(kind + ":")) {
      throw invalid(kind, token);
    }
    return text.substring(kind.length() + 1);
  }

  static long decodeLong(String kind, String token, long absent) {
    String key = decode(kind, token);
    if (key == null) {
      return absent;
    }
    try {
      return Long.parseLong(key);
    } catch (NumberFormatException e) {
      throw invalid(kind, token);
    }
  }

  private static GlueException invalid(String kind, String token) {
    return GlueException.invalidInput(
        "Cannot list " + kind + ": NextToken is not one this listing issued: " + token);
  }
}
