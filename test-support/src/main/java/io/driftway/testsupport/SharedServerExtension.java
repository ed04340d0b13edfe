package io.driftway.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one server per test JVM on first use and resolves it as a test or lifecycle method
 * parameter. The server lives in the root extension store, so JUnit closes it when the whole test
 * plan ends, whether the tests passed or failed; a JVM shutdown hook covers an aborted plan.
 *
 * <p>Subclasses say which type they hand out and how to start it; they must have a public no-arg
 * constructor, as every JUnit extension does.
 *
 * @param <S> the server handle handed to tests
 */
public abstract class SharedServerExtension<S extends AutoCloseable> implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedServerExtension.class);

  private final Class<S> serverType;

  protected SharedServerExtension(Class<S> serverType) {
    this.serverType = serverType;
  }

  /** Starts the server; called at most once per JVM, from the first test that asks for it. */
  protected abstract S start() throws Exception;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == serverType;
  }

  @Override
  public S resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  /** The shared server, started on first call. */
  public S server(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    return serverType.cast(
        store.getOrComputeIfAbsent(serverType, type -> startAndGuard(), Running.class).server());
  }

  private Running startAndGuard() {
    S server;
    long started = System.nanoTime();
    try {
      server = start();
      // Startup cost shows in every CI log, where a slow fixture is noticed first.
      System.out.printf(
          "[test-support] %s ready in %d ms%n",
          serverType.getSimpleName(), (System.nanoTime() - started) / 1_000_000);
    } catch (Exception e) {
      throw new ParameterResolutionException(
          "Cannot start test server: " + e.getMessage() + ": " + serverType.getSimpleName(), e);
    }
    return new Running(server, ShutdownHooks.closeOnExit(server));
  }

  /** A started server and its shutdown hook; closing it stops the server and drops the hook. */
  private record Running(AutoCloseable server, Thread hook) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      ShutdownHooks.remove(hook);
      server.close();
    }
  }
}
