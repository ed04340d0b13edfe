package io.driftway.catalogbridge.console;

/**
 * One page of the console, answering {@code /console<path>} and everything below it. Pages are
 * registered once, in {@link ConsolePages#all}; the router has already signed the caller in, and
 * for a POST has checked the session's CSRF token and that the caller holds admin rights somewhere.
 * A page still checks rights on what it touches, best by acting through {@link
 * ConsoleRequest#glue}, which applies the Glue API's own per-database checks.
 *
 * <pre>{@code
 * final class HelloPage implements ConsolePage {
 *   public String path() { return "/hello"; }
 *   public String navLabel() { return "Hello"; }
 *   public ConsoleResponse get(ConsoleRequest request) {
 *     return Layout.page(request, "Hello", Html.format("<p>Hello {}</p>", request.query("name")));
 *   }
 * }
 * }</pre>
 *
 * <p>Called from any server thread: pages keep no per-request state in fields.
 */
public interface ConsolePage {

  /** The path under {@code /console} this page answers, e.g. {@code /tables}. */
  String path();

  /** The label in the navigation bar, or null for a page reached only by links. */
  String navLabel();

  /** Renders the page. */
  ConsoleResponse get(ConsoleRequest request);

  /**
   * Runs an action (a form posted to this page). Confirm first: answer {@link Forms#confirm} until
   * {@link ConsoleRequest#confirmed()}.
   */
  default ConsoleResponse post(ConsoleRequest request) {
    return ConsoleResponse.error(request, 405, "Cannot post here: this page has no actions");
  }
}
