package io.driftway.catalogbridge.console.quarantine;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A quarantined record's raw bytes as something a page can show: UTF-8 text when the bytes are text
 * (control characters other than tab and newline spelled {@code \u0000}), else a hex dump; cut at a
 * limit either way. The result is still untrusted text: pages escape it like any other.
 *
 * <pre>{@code
 * RawBytes shown = RawBytes.of(row.raw(), 2048);
 * Html.format("<pre class=\"{}\">{}</pre>", shown.binary() ? "hex" : "text", shown.text());
 * }</pre>
 *
 * @param text the text or the hex dump
 * @param binary true when {@code text} is a hex dump
 * @param length how many bytes the record has
 * @param truncated true when only the first bytes are shown
 */
public record RawBytes(String text, boolean binary, int length, boolean truncated) {

  /** {@code raw}, showing at most its first {@code limit} bytes. */
  public static RawBytes of(byte[] raw, int limit) {
    int shown = Math.min(raw.length, limit);
    boolean truncated = shown < raw.length;
    String text = utf8(raw, shown);
    if (text != null && !mostlyControl(text)) {
      return new RawBytes(spellControls(text), false, raw.length, truncated);
    }
    return new RawBytes(hexDump(raw, shown), true, raw.length, truncated);
  }

  /** Decodes the first {@code shown} bytes strictly, allowing a code point cut at the end. */
  private static String utf8(byte[] raw, int shown) {
    // A cut may split a multi-byte character: try up to 3 bytes shorter before calling it binary.
    for (int cut = 0; cut <= Math.min(3, shown); cut++) {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(raw, 0, shown - cut))
            .toString();
      } catch (CharacterCodingException e) {
        if (shown == raw.length) {
          return null; // not cut, so not a split character: binary
        }
      }
    }
    return null;
  }

  private static boolean mostlyControl(String text) {
    long controls =
        text.chars()
            .filter(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')
            .count();
    return controls * 10 > text.length();
  }

  private static String spellControls(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if ((Character.isISOControl(c) && c != '\n' && c != '\t')
                  || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /** Lines of 16 bytes: offset, hex, and the printable ASCII ones. */
  static String hexDump(byte[] raw, int shown) {
    HexFormat hex = HexFormat.of();
    StringBuilder out = new StringBuilder();
    for (int line = 0; line < shown; line += 16) {
      out.append(String.format("%08x  ", line));
      StringBuilder ascii = new StringBuilder();
      for (int i = line; i < line + 16; i++) {
        if (i < shown) {
          out.append(hex.toHexDigits(raw[i])).append(' ');
          int b = raw[i] & 0xff;
          ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        } else {
          out.append("   ");
        }
      }
      out.append(' ').append(ascii).append('\n');
    }
    return out.toString();
  }
}
