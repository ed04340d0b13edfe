package io.driftway.catalogbridge.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Action forms: each carries the session's CSRF token, is shown only to a caller who may act, and
 * goes through a confirmation step the server renders (no script needed).
 *
 * <pre>{@code
 * Html stop = Forms.action(request, "/console/jobs", Map.of("op", "stop", "job", job), "Stop");
 * // in the page's post(): if (!request.confirmed()) return Forms.confirm(request, "Stop run?",
 * //     Html.format("<p>Stop run {} of {}?</p>", run, job));
 * }</pre>
 */
public final class Forms {

  /** The form field that carries the CSRF token. */
  public static final String CSRF_FIELD = "csrf";

  private Forms() {}

  /** The hidden CSRF field for a form of this session. */
  public static Html csrfField(ConsoleRequest request) {
    return Html.format(
        "<input type=\"hidden\" name=\"" + CSRF_FIELD + "\" value=\"{}\">", request.csrfToken());
  }

  /**
   * A one-button form posting {@code fields} to {@code action} (a path under {@code /console}), or
   * nothing for a read-only caller.
   */
  public static Html action(
      ConsoleRequest request, String action, Map<String, String> fields, String label) {
    if (!request.canAct()) {
      return Html.empty();
    }
    return Html.format(
        "<form method=\"post\" action=\"{}\" class=\"inline\">{}{}"
            + "<button type=\"submit\" class=\"action\">{}</button></form>",
        action,
        csrfField(request),
        hidden(fields),
        label);
  }

  /**
   * The confirmation step: {@code summary} and a button that posts the same fields again with
   * {@code confirm=yes}, or a link back to {@code cancel}.
   */
  public static ConsoleResponse confirm(
      ConsoleRequest request, String title, Html summary, String cancel) {
    List<Html> fields = new ArrayList<>();
    request
        .formFields()
        .forEach(
            (name, values) -> {
              if (!name.equals(CSRF_FIELD) && !name.equals("confirm")) {
                for (String value : values) {
                  fields.add(
                      Html.format("<input type=\"hidden\" name=\"{}\" value=\"{}\">", name, value));
                }
              }
            });
    Html body =
        Html.format(
            "<div class=\"confirm\">{}<form method=\"post\" action=\"{}\">{}{}"
                + "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
                + "<button type=\"submit\" class=\"action\">Confirm</button> "
                + "<a href=\"{}\">Cancel</a></form></div>",
            summary,
            "/console" + request.path(),
            csrfField(request),
            Html.join(fields),
            cancel);
    return Layout.page(request, title, body);
  }

  private static Html hidden(Map<String, String> fields) {
    List<Html> inputs = new ArrayList<>();
    fields.forEach(
        (name, value) ->
            inputs.add(
                Html.format("<input type=\"hidden\" name=\"{}\" value=\"{}\">", name, value)));
    return Html.join(inputs);
  }
}
