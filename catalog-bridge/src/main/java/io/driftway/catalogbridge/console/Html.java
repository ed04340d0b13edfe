package io.driftway.catalogbridge.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A fragment of HTML that is safe to send: the only way text becomes markup in the console. Text
 * from the catalog, alerts, job arguments or any request is escaped by {@link #text} or by {@link
 * #format}, which escapes every argument that is not already {@code Html}. Markup itself comes only
 * from template constants written in this code base. Immutable.
 *
 * <pre>{@code
 * Html row = Html.format("<tr><td><a href=\"{}\">{}</a></td></tr>",
 *     Html.url("/console/tables", Map.of("db", database)), tableName);
 * }</pre>
 *
 * <p>Escaping covers element text and double-quoted attribute values alike ({@code & < > " '}), so
 * templates must always quote attributes with {@code "}. Never build a template from data.
 */
public final class Html {

  private static final Html EMPTY = new Html("");

  private final String markup;

  private Html(String markup) {
    this.markup = markup;
  }

  /** Nothing. */
  public static Html empty() {
    return EMPTY;
  }

  /** {@code untrusted} as text: every character that could open markup is escaped. */
  public static Html text(Object untrusted) {
    return new Html(escape(untrusted == null ? "" : String.valueOf(untrusted)));
  }

  /**
   * {@code template} (a constant written in this code base) with each {@code {}} replaced by the
   * next argument: {@code Html} as it is, anything else as escaped text (null as nothing).
   *
   * @throws IllegalArgumentException when the placeholders and arguments do not pair up
   */
  public static Html format(String template, Object... args) {
    StringBuilder out = new StringBuilder(template.length() + 16 * args.length);
    int from = 0;
    int used = 0;
    int at;
    while ((at = template.indexOf("{}", from)) >= 0) {
      if (used == args.length) {
        throw new IllegalArgumentException(
            "Cannot format HTML: more {} than arguments (" + args.length + "): " + template);
      }
      out.append(template, from, at);
      Object arg = args[used++];
      out.append(arg instanceof Html html ? html.markup : text(arg).markup);
      from = at + 2;
    }
    if (used != args.length) {
      throw new IllegalArgumentException(
          "Cannot format HTML: " + args.length + " arguments for " + used + " {}: " + template);
    }
    out.append(template, from, template.length());
    return new Html(out.toString());
  }

  /** The fragments one after the other. */
  public static Html join(List<Html> parts) {
    StringBuilder out = new StringBuilder();
    for (Html part : parts) {
      out.append(part.markup);
    }
    return new Html(out.toString());
  }

  /** The fragments one after the other. */
  public static Html join(Html... parts) {
    return join(List.of(parts));
  }

  /**
   * A link target: {@code path} (a constant such as {@code /console/tables}) with the query
   * parameters percent-encoded, in the given order, ready to place in an {@code href} attribute.
   */
  public static Html url(String path, Map<String, String> query) {
    if (query.isEmpty()) {
      return text(path);
    }
    StringJoiner parts = new StringJoiner("&", path + "?", "");
    query.forEach(
        (name, value) ->
            parts.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(
                        Objects.requireNonNullElse(value, ""), StandardCharsets.UTF_8)));
    return text(parts.toString());
  }

  /** Escapes {@code & < > " '} for element text and double-quoted attribute values. */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** The markup. */
  @Override
  public String toString() {
    return markup;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Html html && html.markup.equals(markup);
  }

  @Override
  public int hashCode() {
    return markup.hashCode();
  }
}
