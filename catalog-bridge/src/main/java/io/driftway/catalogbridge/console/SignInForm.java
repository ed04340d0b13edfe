package io.driftway.catalogbridge.console;

/** The sign-in page: access key id and secret access key, posted to the bridge itself. */
final class SignInForm {

  private SignInForm() {}

  static ConsoleResponse render(int status, String message, String accessKeyId) {
    Html notice =
        message == null ? Html.empty() : Html.format("<p class=\"error\">{}</p>", message);
    Html body =
        Html.format(
            "{}<form method=\"post\" action=\"/console/login\" class=\"signin\">"
                + "<label>Access key id <input name=\"access_key_id\" value=\"{}\""
                + " autocomplete=\"username\" required></label>"
                + "<label>Secret access key <input name=\"secret_access_key\" type=\"password\""
                + " autocomplete=\"current-password\" required></label>"
                + "<button type=\"submit\">Sign in</button></form>"
                + "<p class=\"hint\">Use a key from the bridge's <code>auth.principals</code>."
                + " A read-only key sees everything and changes nothing.</p>",
            notice,
            accessKeyId == null ? "" : accessKeyId);
    return ConsoleResponse.html(status, Layout.bare("Sign in", body));
  }
}
