/**
 * The web console under {@code /console}, on the bridge's own port: server-rendered pages over the
 * Glue operations, signed in with the bridge's keys.
 *
 * <p>Adding a page: implement {@link io.driftway.catalogbridge.console.ConsolePage} ({@code path()}
 * under {@code /console}, {@code navLabel()} or null, {@code get}, optionally {@code post}) and add
 * it to the one list in {@code ConsolePages.all}. Render with {@link
 * io.driftway.catalogbridge.console.Layout#page}; write every piece of data through {@link
 * io.driftway.catalogbridge.console.Html} ({@code Html.format} escapes each argument that is not
 * already {@code Html}); read and act through {@link
 * io.driftway.catalogbridge.console.ConsoleRequest#glue}, which runs as the signed-in principal.
 * Buttons come from {@link io.driftway.catalogbridge.console.Forms#action} (nothing for a read-only
 * caller, the CSRF token for the rest) and a page's {@code post} answers {@link
 * io.driftway.catalogbridge.console.Forms#confirm} until the form comes back confirmed. Pages send
 * no inline script or style: the Content-Security-Policy forbids both; add classes to {@code
 * static/console.css} instead.
 *
 * <p>Sessions live in memory and end when the bridge restarts.
 */
package io.driftway.catalogbridge.console;
