package io.driftway.catalogbridge.console;

import java.util.ArrayList;
import java.util.List;

/**
 * The page shell every console page shares: title, stylesheet, navigation (from the registered
 * pages), who is signed in and the sign-out button.
 */
public final class Layout {

  private Layout() {}

  /** A full page for a signed-in request. */
  public static ConsoleResponse page(ConsoleRequest request, String title, Html body) {
    return ConsoleResponse.html(200, document(request, title, body));
  }

  static Html document(ConsoleRequest request, String title, Html body) {
    List<Html> links = new ArrayList<>();
    for (ConsolePage page : request.pages()) {
      if (page.navLabel() != null) {
        boolean current =
            request.path().equals(page.path()) || request.path().startsWith(page.path() + "/");
        links.add(
            Html.format(
                "<a href=\"{}\"{}>{}</a>",
                Html.text("/console" + page.path()),
                current ? Html.format(" class=\"current\"") : Html.empty(),
                page.navLabel()));
      }
    }
    Html who =
        Html.format(
            "<span class=\"who\">{} ({})</span>",
            request.principal().name(),
            request.canAct() ? "admin" : "read-only");
    Html signOut =
        Html.format(
            "<form method=\"post\" action=\"/console/logout\" class=\"inline\">{}"
                + "<button type=\"submit\">Sign out</button></form>",
            Forms.csrfField(request));
    Html nav =
        Html.format(
            "<nav><span class=\"brand\">Driftway</span>{}<span class=\"spacer\"></span>{}{}</nav>",
            Html.join(links),
            who,
            signOut);
    return shell(title, Html.join(nav, Html.format("<main><h1>{}</h1>{}</main>", title, body)));
  }

  /** A page without navigation, for the sign-in form and errors before sign-in. */
  static Html bare(String title, Html body) {
    return shell(
        title,
        Html.format(
            "<nav><span class=\"brand\">Driftway</span></nav><main><h1>{}</h1>{}</main>",
            title,
            body));
  }

  private static Html shell(String title, Html content) {
    return Html.format(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>{} · Driftway console</title>"
            + "<link rel=\"icon\" href=\"/console/static/favicon.svg\" type=\"image/svg+xml\">"
            + "<link rel=\"stylesheet\" href=\"/console/static/console.css\"></head>"
            + "<body>{}</body></html>\n",
        title,
        content);
  }
}
